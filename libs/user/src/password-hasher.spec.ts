import { PasswordHasher } from './password-hasher';

const PASSWORD = 'correct horse battery staple';
const DUMMY_PASSWORD = 'not-a-real-password-0000';

describe(PasswordHasher.name, () => {
  let hasher: PasswordHasher;

  beforeAll(async () => {
    hasher = new PasswordHasher();
    await hasher.onModuleInit();
  });

  describe('hash', () => {
    it('should produce an argon2id hash with the OWASP parameters', async () => {
      await expect(hasher.hash(PASSWORD)).resolves.toMatch(
        /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/,
      );
    });

    it('should salt each hash', async () => {
      const [first, second] = await Promise.all([hasher.hash(PASSWORD), hasher.hash(PASSWORD)]);

      expect(first).not.toBe(second);
    });

    it('should never contain the password', async () => {
      await expect(hasher.hash(PASSWORD)).resolves.not.toContain(PASSWORD);
    });
  });

  describe('verify', () => {
    let hash: string;

    beforeAll(async () => {
      hash = await hasher.hash(PASSWORD);
    });

    it('should accept the right password', async () => {
      await expect(hasher.verify(hash, PASSWORD)).resolves.toBe(true);
    });

    it('should reject a wrong password', async () => {
      await expect(hasher.verify(hash, 'correct horse battery stapl')).resolves.toBe(false);
    });

    it('should reject a password that differs only in case', async () => {
      await expect(hasher.verify(hash, PASSWORD.toUpperCase())).resolves.toBe(false);
    });

    it('should reject any password when there is no hash', async () => {
      await expect(hasher.verify(undefined, PASSWORD)).resolves.toBe(false);
    });

    it('should still run a real argon2id verification when there is no hash', async () => {
      const argon2 = jest.requireActual<typeof import('argon2')>('argon2');
      const verify = jest.spyOn(argon2, 'verify');
      try {
        await hasher.verify(undefined, PASSWORD);

        expect(verify).toHaveBeenCalledTimes(1);
        expect(verify).toHaveBeenCalledWith(
          expect.stringMatching(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/),
          PASSWORD,
        );
      } finally {
        verify.mockRestore();
      }
    });

    it("should reject the dummy hash's own password when there is no hash", async () => {
      await expect(hasher.verify(undefined, DUMMY_PASSWORD)).resolves.toBe(false);
    });

    it.each(['', 'not-a-hash', '$argon2id$v=19$m=19456,t=2,p=1$garbage'])(
      'should reject the garbage hash %p instead of throwing',
      async (garbage) => {
        await expect(hasher.verify(garbage, PASSWORD)).resolves.toBe(false);
      },
    );
  });
});
