import { HttpStatus } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType } from '@rct/audit';
import { SessionUser, UserRole } from '@rct/auth';
import { UserService } from '@rct/user';
import { domainErrorOf, mockRepository, signedIn } from '../../../test/support/service-spec';
import { hashApiKeySecret } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyService } from './api-key.service';
import { ApiKeyEntity } from './entities/api-key.entity';

const DAY_MS = 86_400_000;
const OWNER_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const KEY_ID = '00000000-0000-4000-8000-0000000000aa';

function keyEntity(fields: Partial<ApiKeyEntity> = {}): ApiKeyEntity {
  return Object.assign(new ApiKeyEntity(), {
    id: KEY_ID,
    userId: OWNER_ID,
    name: 'CI',
    prefix: 'abcdEFGH',
    secretHash: Buffer.alloc(32),
    role: UserRole.Manager,
    expiresAt: new Date(Date.now() + DAY_MS),
    lastUsedAt: null,
    revokedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    version: 1,
    ...fields,
  });
}

const owner = (fields: Partial<SessionUser> = {}): SessionUser => ({
  id: OWNER_ID,
  email: 'owner@example.com',
  fullName: 'Owner',
  role: UserRole.Manager,
  isActive: true,
  tokensValidAfter: new Date(0),
  ...fields,
});

describe(ApiKeyService.name, () => {
  let keys: jest.Mocked<ApiKeyRepository>;
  let users: jest.Mocked<Pick<UserService, 'findSessionUser'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: ApiKeyService;

  beforeEach(() => {
    keys = mockRepository<ApiKeyRepository, ApiKeyEntity>(keyEntity, {
      prefixTaken: jest.fn().mockResolvedValue(false),
    });
    users = { findSessionUser: jest.fn().mockResolvedValue(owner()) };
    audit = { describeChange: jest.fn() };
    service = new ApiKeyService(
      keys,
      users as unknown as UserService,
      audit as unknown as AuditContext,
    );
  });

  describe('create', () => {
    const dto = () => ({ name: 'CI', expiresAt: new Date(Date.now() + 30 * DAY_MS) });

    it("should store the secret's hash, never the secret, and answer the secret once", async () => {
      const { apiKey, secret } = await service.create(dto(), signedIn(UserRole.Manager, OWNER_ID));

      const stored = keys.insert.mock.calls[0][0] as Partial<ApiKeyEntity>;
      expect(stored.secretHash).toEqual(hashApiKeySecret(secret));
      expect(stored.prefix).toBe(secret.slice(4, 12));
      expect(JSON.stringify(stored)).not.toContain(secret.slice(13));
      expect(stored).toMatchObject({ userId: OWNER_ID, role: UserRole.Manager });
      expect(apiKey).not.toHaveProperty('secretHash');
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.ApiKeyCreate,
        AuditEntityType.ApiKey,
        null,
        apiKey,
      );
    });

    it('should draw another secret when the prefix is taken', async () => {
      keys.prefixTaken.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
      await service.create(dto(), signedIn(UserRole.Manager, OWNER_ID));
      expect(keys.prefixTaken).toHaveBeenCalledTimes(2);
    });

    it("should refuse a role above the owner's with a 403", async () => {
      const error = await domainErrorOf(
        service.create({ ...dto(), role: UserRole.Admin }, signedIn(UserRole.Manager, OWNER_ID)),
      );
      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      expect(keys.insert).not.toHaveBeenCalled();
    });

    it("should check the owner's current role, not the caller's token", async () => {
      users.findSessionUser.mockResolvedValue(owner({ role: UserRole.Viewer }));
      const error = await domainErrorOf(
        service.create({ ...dto(), role: UserRole.Manager }, signedIn(UserRole.Manager, OWNER_ID)),
      );
      expect(error.status).toBe(HttpStatus.FORBIDDEN);
    });

    it.each([
      ['in the past', -1_000],
      ['over 365 days ahead', 365 * DAY_MS + 60_000],
    ])('should refuse an expiry %s with a 400 naming expiresAt', async (_label, offset) => {
      const error = await domainErrorOf(
        service.create(
          { name: 'x', expiresAt: new Date(Date.now() + offset) },
          signedIn(UserRole.Manager, OWNER_ID),
        ),
      );
      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(error.errors?.[0].field).toBe('expiresAt');
    });

    it('should let only admins name another owner', async () => {
      const error = await domainErrorOf(
        service.create({ ...dto(), userId: OTHER_ID }, signedIn(UserRole.Manager, OWNER_ID)),
      );
      expect(error.status).toBe(HttpStatus.FORBIDDEN);
      users.findSessionUser.mockResolvedValue(owner({ id: OTHER_ID }));
      await service.create({ ...dto(), userId: OTHER_ID }, signedIn(UserRole.Admin, OWNER_ID));
      expect(keys.insert.mock.calls[0][0]).toMatchObject({ userId: OTHER_ID });
    });

    it('should answer 422 for an owner who is unknown or deactivated', async () => {
      users.findSessionUser.mockResolvedValue(owner({ isActive: false }));
      const error = await domainErrorOf(
        service.create({ ...dto(), userId: OTHER_ID }, signedIn(UserRole.Admin, OWNER_ID)),
      );
      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    });
  });

  describe('revoke', () => {
    it('should stamp revokedAt and describe the revocation', async () => {
      await service.revoke(KEY_ID, signedIn(UserRole.Manager, OWNER_ID));
      expect(keys.update).toHaveBeenCalledWith(expect.any(ApiKeyEntity), {
        revokedAt: expect.any(Date),
      });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.ApiKeyRevoke,
        AuditEntityType.ApiKey,
        expect.objectContaining({ revokedAt: null }),
        expect.objectContaining({ revokedAt: expect.any(String) }),
      );
    });

    it("should hide another user's key from a non-admin (404), not from an admin", async () => {
      const error = await domainErrorOf(
        service.revoke(KEY_ID, signedIn(UserRole.Manager, OTHER_ID)),
      );
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
      expect(keys.update).not.toHaveBeenCalled();
      await expect(
        service.revoke(KEY_ID, signedIn(UserRole.Admin, OTHER_ID)),
      ).resolves.toBeUndefined();
    });

    it('should change nothing on a key already revoked', async () => {
      keys.findByIdForUpdate.mockResolvedValue(keyEntity({ revokedAt: new Date() }));
      await service.revoke(KEY_ID, signedIn(UserRole.Manager, OWNER_ID));
      expect(keys.update).not.toHaveBeenCalled();
    });
  });
});
