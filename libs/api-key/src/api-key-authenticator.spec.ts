import { UserRole } from '@rct/auth';
import * as crypto from 'node:crypto';
import { ApiKeyVerifier } from './api-key-authenticator';
import { generateApiKeySecret } from './api-key-secret';
import { ApiKeyCredential, ApiKeyRepository } from './api-key.repository';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof crypto>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const DAY_MS = 86_400_000;

describe(ApiKeyVerifier.name, () => {
  const { secret, hash } = generateApiKeySecret();
  let keys: jest.Mocked<Pick<ApiKeyRepository, 'findCredential' | 'touchLastUsed'>>;
  let verifier: ApiKeyVerifier;

  const credential = (fields: Partial<ApiKeyCredential> = {}): ApiKeyCredential => ({
    id: 'key-1',
    secretHash: hash,
    keyRole: UserRole.Manager,
    expiresAt: new Date(Date.now() + DAY_MS),
    revokedAt: null,
    lastUsedAt: new Date(),
    userId: 'user-1',
    email: 'bot@example.com',
    fullName: 'Bot',
    ownerRole: UserRole.Manager,
    ownerActive: true,
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

    it.each([
      ['revoked', { revokedAt: new Date() }],
      ['expired', { expiresAt: new Date(Date.now() - 1) }],
      ['owned by a deactivated user', { ownerActive: false }],
    ])('should refuse a key that is %s', async (_label, fields) => {
      keys.findCredential.mockResolvedValue(credential(fields));
      await expect(verifier.authenticate(secret)).resolves.toBeUndefined();
    });

    it('should refuse a malformed secret without a lookup', async () => {
      await expect(verifier.authenticate('Bearer something')).resolves.toBeUndefined();
      expect(keys.findCredential).not.toHaveBeenCalled();
    });

    it('should touch lastUsedAt only when it is a minute old or unset', async () => {
      await verifier.authenticate(secret);
      expect(keys.touchLastUsed).not.toHaveBeenCalled();

      keys.findCredential.mockResolvedValue(credential({ lastUsedAt: null }));
      await verifier.authenticate(secret);
      keys.findCredential.mockResolvedValue(
        credential({ lastUsedAt: new Date(Date.now() - 61_000) }),
      );
      await verifier.authenticate(secret);
      expect(keys.touchLastUsed).toHaveBeenCalledTimes(2);
      expect(keys.touchLastUsed).toHaveBeenCalledWith('key-1');
    });
  });
});
