import { UserRole } from '@rct/auth';
import * as crypto from 'node:crypto';
import { ApiKeyVerifier } from './api-key-authenticator';
import { generateApiKeySecret } from './api-key-secret';
import { ApiKeyCredential, ApiKeyRepository } from './api-key.repository';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof crypto>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe(ApiKeyVerifier.name, () => {
  const { secret, hash } = generateApiKeySecret();
  let keys: jest.Mocked<Pick<ApiKeyRepository, 'findCredential' | 'touchLastUsed'>>;
  let verifier: ApiKeyVerifier;

  const credential = (fields: Partial<ApiKeyCredential> = {}): ApiKeyCredential => ({
    id: 'key-1',
    secretHash: hash,
    keyRole: UserRole.Manager,
    userId: 'user-1',
    email: 'bot@example.com',
    fullName: 'Bot',
    ownerRole: UserRole.Manager,
    live: true,
    usedRecently: true,
    ...fields,
  });

  beforeEach(() => {
    keys = {
      findCredential: jest.fn().mockResolvedValue(credential()),
      touchLastUsed: jest.fn().mockResolvedValue(undefined),
    };
    verifier = new ApiKeyVerifier(keys as unknown as ApiKeyRepository);
    jest.mocked(crypto.timingSafeEqual).mockClear();
  });

  describe('authenticate', () => {
    it('should answer the owner, with the key id and no session', async () => {
      await expect(verifier.authenticate(secret)).resolves.toEqual({
        id: 'user-1',
        email: 'bot@example.com',
        fullName: 'Bot',
        role: UserRole.Manager,
        sessionId: null,
        apiKeyId: 'key-1',
      });
      expect(keys.findCredential).toHaveBeenCalledWith(secret.slice(4, 12));
    });

    it.each([
      [UserRole.Admin, UserRole.Viewer, UserRole.Viewer],
      [UserRole.Viewer, UserRole.Admin, UserRole.Viewer],
      [UserRole.Analyst, UserRole.Manager, UserRole.Analyst],
    ])(
      'should act as the lower of key role %s and owner role %s',
      async (keyRole, ownerRole, acts) => {
        keys.findCredential.mockResolvedValue(credential({ keyRole, ownerRole }));
        expect((await verifier.authenticate(secret))?.role).toBe(acts);
      },
    );

    it('should compare in constant time against a stand-in hash when the prefix is unknown', async () => {
      keys.findCredential.mockResolvedValue(undefined);

      await expect(verifier.authenticate(secret)).resolves.toBeUndefined();
      expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
      const [stored, presented] = jest.mocked(crypto.timingSafeEqual).mock.calls[0];
      expect(stored).toHaveLength(32);
      expect(presented).toEqual(hash);
    });

    it('should compare the hashes in constant time for a known prefix', async () => {
      await verifier.authenticate(secret);
      expect(crypto.timingSafeEqual).toHaveBeenCalledWith(hash, hash);
    });

    it('should refuse a wrong secret with a known prefix', async () => {
      const wrong = `${secret.slice(0, 13)}${'x'.repeat(43)}`;
      await expect(verifier.authenticate(wrong)).resolves.toBeUndefined();
      expect(keys.touchLastUsed).not.toHaveBeenCalled();
    });

    // Revoked, expired or a deactivated owner: judged in SQL (test/api-keys.e2e-spec.ts).
    it('should refuse a key that is not live', async () => {
      keys.findCredential.mockResolvedValue(credential({ live: false }));
      await expect(verifier.authenticate(secret)).resolves.toBeUndefined();
      expect(keys.touchLastUsed).not.toHaveBeenCalled();
    });

    it('should refuse a malformed secret without a lookup', async () => {
      await expect(verifier.authenticate('Bearer something')).resolves.toBeUndefined();
      expect(keys.findCredential).not.toHaveBeenCalled();
    });

    it('should touch lastUsedAt only when it was not moved recently', async () => {
      await verifier.authenticate(secret);
      expect(keys.touchLastUsed).not.toHaveBeenCalled();

      keys.findCredential.mockResolvedValue(credential({ usedRecently: false }));
      await verifier.authenticate(secret);
      expect(keys.touchLastUsed).toHaveBeenCalledTimes(1);
      expect(keys.touchLastUsed).toHaveBeenCalledWith('key-1');
    });
  });
});
