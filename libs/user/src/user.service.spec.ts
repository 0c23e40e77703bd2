import { HttpStatus } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SessionUser, USER_SESSIONS_REVOKED, UserRole, UserSessionsRevokedEvent } from '@rct/auth';
import { PreconditionFailedError, UnprocessableError } from '@rct/common';
import { AuditAction, AuditContext, AuditEntityType, ResourceExporter } from '@rct/audit';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UserEntity } from './entities/user.entity';
import { UserKind } from './enums/user-kind.enum';
import { PasswordHasher } from './password-hasher';
import { EmailTakenError, LastAdminError, UserNotFoundError } from './user.errors';
import { UserRepository } from './user.repository';
import { UserService } from './user.service';
import { domainErrorOf, mockRepository } from '../../../test/support/service-spec';

const ADMIN_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ADMIN_ID = '00000000-0000-4000-8000-000000000002';
const TOKENS_VALID_AFTER = new Date('2024-01-01T00:00:00.000Z');
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
const NEW_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA';

function userEntity(overrides: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), {
    id: ADMIN_ID,
    email: 'admin@example.com',
    fullName: 'Ada Admin',
    role: UserRole.Admin,
    kind: UserKind.Human,
    isActive: true,
    passwordHash: PASSWORD_HASH,
    tokensValidAfter: TOKENS_VALID_AFTER,
    createdAt: new Date('2023-12-01T00:00:00.000Z'),
    updatedAt: new Date('2023-12-01T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

describe(UserService.name, () => {
  let users: jest.Mocked<UserRepository>;
  let events: jest.Mocked<Pick<EventEmitter2, 'emitAsync'>>;
  let hasher: jest.Mocked<Pick<PasswordHasher, 'hash' | 'verify'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describe' | 'describeChange'>>;
  let service: UserService;

  beforeEach(() => {
    users = mockRepository<UserRepository, UserEntity>(userEntity, {
      findById: jest.fn().mockResolvedValue(null),
      findByIdForUpdate: jest.fn().mockResolvedValue(null),
      findByEmail: jest.fn().mockResolvedValue(null),
      emailTaken: jest.fn().mockResolvedValue(false),
      count: jest.fn(),
      lockActiveAdminIds: jest.fn().mockResolvedValue([]),
      findSessionUser: jest.fn(),
      isActiveUser: jest.fn(),
    });
    events = { emitAsync: jest.fn().mockResolvedValue([]) };
    hasher = { hash: jest.fn().mockResolvedValue(NEW_PASSWORD_HASH), verify: jest.fn() };
    audit = { describe: jest.fn(), describeChange: jest.fn() };
    service = new UserService(
      users,
      hasher as unknown as PasswordHasher,
      events as unknown as EventEmitter2,
      audit as unknown as AuditContext,
      {} as ResourceExporter,
    );
  });

  describe('create', () => {
    const dto: CreateUserDto = {
      email: 'dana@example.com',
      fullName: 'Dana Okafor',
      role: UserRole.Analyst,
      password: 'correct horse battery staple',
    };

    it('should throw a 409 EmailTakenError for a taken e-mail and insert nothing', async () => {
      users.emailTaken.mockResolvedValue(true);

      const error = await domainErrorOf(service.create(dto));

      expect(error).toBeInstanceOf(EmailTakenError);
      expect(error.status).toBe(HttpStatus.CONFLICT);
      expect(users.emailTaken).toHaveBeenCalledWith('dana@example.com');
      expect(users.insert).not.toHaveBeenCalled();
      expect(audit.describeChange).not.toHaveBeenCalled();
    });

    it('should store an active user with the hash of the password, never the password', async () => {
      const stored = userEntity({ email: dto.email, fullName: dto.fullName, role: dto.role });
      users.insert.mockResolvedValue(stored);
      const before = Date.now();

      await service.create(dto);

      expect(hasher.hash).toHaveBeenCalledWith(dto.password);
      expect(users.insert).toHaveBeenCalledTimes(1);
      const values = users.insert.mock.calls[0][0];
      expect(values).toEqual({
        email: 'dana@example.com',
        fullName: 'Dana Okafor',
        role: UserRole.Analyst,
        kind: UserKind.Human,
        isActive: true,
        passwordHash: NEW_PASSWORD_HASH,
        tokensValidAfter: expect.any(Date),
      });
      expect((values.tokensValidAfter as Date).getTime()).toBeGreaterThanOrEqual(before);
      expect(JSON.stringify(values)).not.toContain(dto.password);
    });

    it('should store a service account without a password hash', async () => {
      const fields = { email: dto.email, fullName: dto.fullName, role: dto.role };
      users.insert.mockResolvedValue(userEntity({ kind: UserKind.Service, passwordHash: null }));

      const response = await service.create({ ...fields, kind: UserKind.Service });

      expect(hasher.hash).not.toHaveBeenCalled();
      expect(users.insert.mock.calls[0][0]).toMatchObject({
        kind: UserKind.Service,
        passwordHash: null,
      });
      expect(response.kind).toBe(UserKind.Service);
    });

    it('should refuse a password for a service account with a 400 naming it', async () => {
      const error = await domainErrorOf(service.create({ ...dto, kind: UserKind.Service }));

      expect(error.status).toBe(HttpStatus.BAD_REQUEST);
      expect(error.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
      expect(users.insert).not.toHaveBeenCalled();
    });

    it('should return the stored user without its hash and describe the creation', async () => {
      users.insert.mockResolvedValue(userEntity({ email: dto.email, role: dto.role, version: 1 }));

      const response = await service.create(dto);

      expect(response).toMatchObject({
        id: ADMIN_ID,
        email: 'dana@example.com',
        role: UserRole.Analyst,
        isActive: true,
        version: 1,
      });
      expect(response).not.toHaveProperty('passwordHash');
      expect(response).not.toHaveProperty('tokensValidAfter');
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Create,
        AuditEntityType.User,
        null,
        response,
      );
    });
  });

  describe('list', () => {
    it('should pass the filters and the page to the repository and map the items', async () => {
      users.list.mockResolvedValue({ items: [userEntity()], total: 7 });
      const query = Object.assign(new ListUsersQueryDto(), {
        role: UserRole.Admin,
        isActive: true,
        q: 'ada',
        limit: 1,
        offset: 2,
        sort: '-email',
      });

      const page = await service.list(query);

      expect(users.list).toHaveBeenCalledWith({ role: UserRole.Admin, isActive: true }, query);
      expect(page).toEqual({
        items: [expect.objectContaining({ id: ADMIN_ID, email: 'admin@example.com' })],
        total: 7,
        limit: 1,
        offset: 2,
      });
      expect(page.items[0]).not.toHaveProperty('passwordHash');
    });

    it('should leave unsent filters undefined', async () => {
      users.list.mockResolvedValue({ items: [], total: 0 });
      const query = new ListUsersQueryDto();

      await expect(service.list(query)).resolves.toEqual({
        items: [],
        total: 0,
        limit: 20,
        offset: 0,
      });
      expect(users.list).toHaveBeenCalledWith({ role: undefined, isActive: undefined }, query);
    });
  });

  describe('get', () => {
    it('should throw a 404 UserNotFoundError for an unknown id', async () => {
      const error = await domainErrorOf(service.get(ADMIN_ID));

      expect(error).toBeInstanceOf(UserNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });

    it('should return the user without its hash or token timestamp', async () => {
      users.findById.mockResolvedValue(userEntity());

      const response = await service.get(ADMIN_ID);

      expect(users.findById).toHaveBeenCalledWith(ADMIN_ID);
      expect(response).toEqual({
        id: ADMIN_ID,
        email: 'admin@example.com',
        fullName: 'Ada Admin',
        role: UserRole.Admin,
        kind: UserKind.Human,
        isActive: true,
        createdAt: '2023-12-01T00:00:00.000Z',
        updatedAt: '2023-12-01T00:00:00.000Z',
        version: 3,
      });
    });
  });

  describe('update', () => {
    it('should throw a 404 UserNotFoundError for an unknown id', async () => {
      const error = await domainErrorOf(service.update(ADMIN_ID, { fullName: 'Nobody' }));

      expect(error).toBeInstanceOf(UserNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
      expect(users.update).not.toHaveBeenCalled();
    });

    it('should load the user under a write lock', async () => {
      users.findByIdForUpdate.mockResolvedValue(userEntity({ role: UserRole.Viewer }));

      await service.update(ADMIN_ID, { fullName: 'Vera Viewer' });

      expect(users.findByIdForUpdate).toHaveBeenCalledWith(ADMIN_ID);
      expect(users.findById).not.toHaveBeenCalled();
    });

    it('should describe the change from the stored user to the updated one', async () => {
      users.findByIdForUpdate.mockResolvedValue(userEntity({ role: UserRole.Viewer }));

      const response = await service.update(ADMIN_ID, { fullName: 'Vera Viewer' });

      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.User,
        expect.objectContaining({ fullName: 'Ada Admin', version: 3 }),
        response,
      );
      expect(response).toMatchObject({ fullName: 'Vera Viewer', version: 4 });
    });

    describe('with If-Match', () => {
      it('should throw a 412 PreconditionFailedError for a stale version and not save', async () => {
        users.findByIdForUpdate.mockResolvedValue(
          userEntity({ role: UserRole.Viewer, version: 3 }),
        );

        const error = await domainErrorOf(service.update(ADMIN_ID, { fullName: 'New' }, 2));

        expect(error).toBeInstanceOf(PreconditionFailedError);
        expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
        expect(users.update).not.toHaveBeenCalled();
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should check the version before the last-admin rule', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity({ version: 3 }));

        const error = await domainErrorOf(service.update(ADMIN_ID, { isActive: false }, 2));

        expect(error).toBeInstanceOf(PreconditionFailedError);
        expect(users.lockActiveAdminIds).not.toHaveBeenCalled();
      });

      it('should save when the version matches', async () => {
        users.findByIdForUpdate.mockResolvedValue(
          userEntity({ role: UserRole.Viewer, version: 3 }),
        );

        await expect(service.update(ADMIN_ID, { fullName: 'New' }, 3)).resolves.toMatchObject({
          fullName: 'New',
          version: 4,
        });
        expect(users.update).toHaveBeenCalledTimes(1);
      });
    });

    describe('the last active admin', () => {
      it.each([UserRole.Manager, UserRole.Analyst, UserRole.Viewer])(
        'should throw a 409 LastAdminError when demoting the only active admin to %s',
        async (role) => {
          users.findByIdForUpdate.mockResolvedValue(userEntity());
          users.lockActiveAdminIds.mockResolvedValue([ADMIN_ID]);

          const error = await domainErrorOf(service.update(ADMIN_ID, { role }));

          expect(error).toBeInstanceOf(LastAdminError);
          expect(error.status).toBe(HttpStatus.CONFLICT);
          expect(users.update).not.toHaveBeenCalled();
        },
      );

      it('should throw a 409 LastAdminError when deactivating the only active admin', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity());
        users.lockActiveAdminIds.mockResolvedValue([ADMIN_ID]);

        const error = await domainErrorOf(service.update(ADMIN_ID, { isActive: false }));

        expect(error).toBeInstanceOf(LastAdminError);
        expect(users.update).not.toHaveBeenCalled();
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should lock the active admins before saving', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity());
        users.lockActiveAdminIds.mockResolvedValue([ADMIN_ID, OTHER_ADMIN_ID]);

        await service.update(ADMIN_ID, { role: UserRole.Manager });

        expect(users.lockActiveAdminIds).toHaveBeenCalledTimes(1);
        expect(users.lockActiveAdminIds.mock.invocationCallOrder[0]).toBeLessThan(
          users.update.mock.invocationCallOrder[0],
        );
      });

      it('should demote an admin when another active admin exists, and end older tokens', async () => {
        const stored = userEntity();
        users.findByIdForUpdate.mockResolvedValue(stored);
        users.lockActiveAdminIds.mockResolvedValue([ADMIN_ID, OTHER_ADMIN_ID]);
        const before = Date.now();

        const response = await service.update(ADMIN_ID, { role: UserRole.Manager });

        expect(users.update).toHaveBeenCalledTimes(1);
        const [user, changes] = users.update.mock.calls[0];
        expect(user).toBe(stored);
        expect(changes).toMatchObject({ role: UserRole.Manager });
        expect(changes.isActive).toBeUndefined();
        expect(changes.tokensValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
        expect(response).toMatchObject({ id: ADMIN_ID, role: UserRole.Manager, version: 4 });
        expect(response).not.toHaveProperty('passwordHash');
        expect(response).not.toHaveProperty('tokensValidAfter');
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should not lock the admins when an admin only changes the name', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity());

        await service.update(ADMIN_ID, { fullName: 'Ada Lovelace', role: UserRole.Admin });

        expect(users.lockActiveAdminIds).not.toHaveBeenCalled();
        const changes = users.update.mock.calls[0][1];
        expect(changes.fullName).toBe('Ada Lovelace');
        expect(changes.tokensValidAfter).toBeUndefined();
      });

      it('should not apply the rule to an inactive admin', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity({ isActive: false }));

        await service.update(ADMIN_ID, { role: UserRole.Viewer });

        expect(users.lockActiveAdminIds).not.toHaveBeenCalled();
        expect(users.update.mock.calls[0][1].role).toBe(UserRole.Viewer);
      });
    });

    describe('deactivation', () => {
      it(`should emit ${USER_SESSIONS_REVOKED} with reason deactivated after saving`, async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity());
        users.lockActiveAdminIds.mockResolvedValue([ADMIN_ID, OTHER_ADMIN_ID]);
        const before = Date.now();

        const response = await service.update(ADMIN_ID, { isActive: false });

        const changes = users.update.mock.calls[0][1];
        expect(changes.isActive).toBe(false);
        expect(changes.tokensValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
        expect(events.emitAsync).toHaveBeenCalledTimes(1);
        expect(events.emitAsync).toHaveBeenCalledWith(USER_SESSIONS_REVOKED, {
          userId: ADMIN_ID,
          reason: 'deactivated',
        } satisfies UserSessionsRevokedEvent);
        expect(users.update.mock.invocationCallOrder[0]).toBeLessThan(
          events.emitAsync.mock.invocationCallOrder[0],
        );
        expect(response.isActive).toBe(false);
      });

      it('should deactivate a non-admin without locking the admins', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity({ role: UserRole.Analyst }));

        await service.update(ADMIN_ID, { isActive: false });

        expect(users.lockActiveAdminIds).not.toHaveBeenCalled();
        expect(events.emitAsync).toHaveBeenCalledWith(USER_SESSIONS_REVOKED, {
          userId: ADMIN_ID,
          reason: 'deactivated',
        });
      });

      it('should not emit again for a user who is already inactive', async () => {
        users.findByIdForUpdate.mockResolvedValue(
          userEntity({ role: UserRole.Analyst, isActive: false }),
        );

        await service.update(ADMIN_ID, { isActive: false });

        expect(events.emitAsync).not.toHaveBeenCalled();
        expect(users.update.mock.calls[0][1].tokensValidAfter).toBeUndefined();
      });

      it('should propagate a failing listener so the transaction rolls back', async () => {
        users.findByIdForUpdate.mockResolvedValue(userEntity({ role: UserRole.Analyst }));
        events.emitAsync.mockRejectedValue(new Error('revocation failed'));

        await expect(service.update(ADMIN_ID, { isActive: false })).rejects.toThrow(
          'revocation failed',
        );
      });
    });
  });

  describe('resetPassword', () => {
    it('should throw a 404 UserNotFoundError for an unknown id and end no session', async () => {
      const error = await domainErrorOf(service.resetPassword(ADMIN_ID, 'a new long password'));

      expect(error).toBeInstanceOf(UserNotFoundError);
      expect(users.update).not.toHaveBeenCalled();
      expect(events.emitAsync).not.toHaveBeenCalled();
      expect(audit.describe).not.toHaveBeenCalled();
    });

    it('should store the new hash, then end every session, then describe the reset', async () => {
      const stored = userEntity();
      users.findByIdForUpdate.mockResolvedValue(stored);
      const before = Date.now();

      await service.resetPassword(ADMIN_ID, 'a new long password');

      expect(hasher.hash).toHaveBeenCalledWith('a new long password');
      const [user, changes] = users.update.mock.calls[0];
      expect(user).toBe(stored);
      expect(changes.passwordHash).toBe(NEW_PASSWORD_HASH);
      expect(changes.tokensValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
      expect(events.emitAsync).toHaveBeenCalledWith(USER_SESSIONS_REVOKED, {
        userId: ADMIN_ID,
        reason: 'password_reset',
      } satisfies UserSessionsRevokedEvent);
      expect(users.update.mock.invocationCallOrder[0]).toBeLessThan(
        events.emitAsync.mock.invocationCallOrder[0],
      );
      expect(audit.describe).toHaveBeenCalledWith({
        action: AuditAction.PasswordReset,
        entityType: AuditEntityType.User,
        entityId: ADMIN_ID,
      });
      expect(JSON.stringify(audit.describe.mock.calls)).not.toContain('a new long password');
    });
  });

  describe('setPassword', () => {
    it('should store the new hash under a write lock and end older access tokens', async () => {
      users.findByIdForUpdate.mockResolvedValue(userEntity());
      const before = Date.now();

      await service.setPassword(ADMIN_ID, 'a new long password');

      expect(users.findByIdForUpdate).toHaveBeenCalledWith(ADMIN_ID);
      const changes = users.update.mock.calls[0][1];
      expect(changes).toEqual({
        passwordHash: NEW_PASSWORD_HASH,
        tokensValidAfter: expect.any(Date),
      });
      expect(changes.tokensValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
      expect(events.emitAsync).not.toHaveBeenCalled();
    });
  });

  describe('updateProfile', () => {
    it('should throw a 404 UserNotFoundError for an unknown id', async () => {
      const error = await domainErrorOf(service.updateProfile(ADMIN_ID, { fullName: 'New' }));

      expect(error).toBeInstanceOf(UserNotFoundError);
      expect(users.update).not.toHaveBeenCalled();
    });

    it('should change only the name and describe the change', async () => {
      users.findByIdForUpdate.mockResolvedValue(userEntity());

      const response = await service.updateProfile(ADMIN_ID, { fullName: 'Ada Lovelace' });

      expect(users.update.mock.calls[0][1]).toEqual({ fullName: 'Ada Lovelace' });
      expect(response).toMatchObject({ fullName: 'Ada Lovelace', role: UserRole.Admin });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.User,
        expect.objectContaining({ fullName: 'Ada Admin' }),
        response,
      );
    });
  });

  describe('verifyCredentials', () => {
    it('should look the e-mail up trimmed and lower-cased', async () => {
      hasher.verify.mockResolvedValue(false);

      await service.verifyCredentials('  Admin@Example.COM ', 'whatever password');

      expect(users.findByEmail).toHaveBeenCalledWith('admin@example.com');
    });

    it('should return the session user, without its hash, for the right password', async () => {
      users.findByEmail.mockResolvedValue(userEntity());
      hasher.verify.mockResolvedValue(true);

      const user = await service.verifyCredentials('admin@example.com', 'right password');

      expect(hasher.verify).toHaveBeenCalledWith(PASSWORD_HASH, 'right password');
      expect(user).toEqual({
        id: ADMIN_ID,
        email: 'admin@example.com',
        fullName: 'Ada Admin',
        role: UserRole.Admin,
        isActive: true,
        tokensValidAfter: TOKENS_VALID_AFTER,
      } satisfies SessionUser);
    });

    it('should return undefined for a wrong password', async () => {
      users.findByEmail.mockResolvedValue(userEntity());
      hasher.verify.mockResolvedValue(false);

      await expect(
        service.verifyCredentials('admin@example.com', 'wrong'),
      ).resolves.toBeUndefined();
    });

    it('should still verify a password for an unknown e-mail, then return undefined', async () => {
      hasher.verify.mockResolvedValue(true);

      await expect(
        service.verifyCredentials('nobody@example.com', 'anything'),
      ).resolves.toBeUndefined();
      expect(hasher.verify).toHaveBeenCalledWith(undefined, 'anything');
    });

    it('should check a service account against the dummy hash and never sign it in', async () => {
      users.findByEmail.mockResolvedValue(
        userEntity({ kind: UserKind.Service, passwordHash: null }),
      );
      hasher.verify.mockResolvedValue(true);

      await expect(
        service.verifyCredentials('admin@example.com', 'anything'),
      ).resolves.toBeUndefined();
      expect(hasher.verify).toHaveBeenCalledWith(undefined, 'anything');
    });
  });

  describe('verifyPassword', () => {
    it('should verify against the stored hash', async () => {
      users.findById.mockResolvedValue(userEntity());
      hasher.verify.mockResolvedValue(true);

      await expect(service.verifyPassword(ADMIN_ID, 'right password')).resolves.toBe(true);
      expect(users.findById).toHaveBeenCalledWith(ADMIN_ID);
      expect(hasher.verify).toHaveBeenCalledWith(PASSWORD_HASH, 'right password');
    });

    it('should still verify for an unknown id, against no hash', async () => {
      hasher.verify.mockResolvedValue(false);

      await expect(service.verifyPassword(ADMIN_ID, 'anything')).resolves.toBe(false);
      expect(hasher.verify).toHaveBeenCalledWith(undefined, 'anything');
    });
  });

  describe('findSessionUser', () => {
    it("should answer the repository's session user", async () => {
      const sessionUser: SessionUser = {
        id: ADMIN_ID,
        email: 'admin@example.com',
        fullName: 'Ada Admin',
        role: UserRole.Admin,
        isActive: true,
        tokensValidAfter: TOKENS_VALID_AFTER,
      };
      users.findSessionUser.mockResolvedValue(sessionUser);

      await expect(service.findSessionUser(ADMIN_ID)).resolves.toBe(sessionUser);
      expect(users.findSessionUser).toHaveBeenCalledWith(ADMIN_ID);
    });

    it('should answer undefined for an unknown id', async () => {
      users.findSessionUser.mockResolvedValue(undefined);

      await expect(service.findSessionUser(ADMIN_ID)).resolves.toBeUndefined();
    });
  });

  describe('assertActiveUser', () => {
    it('should resolve for an active user', async () => {
      users.isActiveUser.mockResolvedValue(true);

      await expect(service.assertActiveUser(ADMIN_ID, 'ownerId')).resolves.toBeUndefined();
      expect(users.isActiveUser).toHaveBeenCalledWith(ADMIN_ID);
    });

    it('should throw a 422 naming the field for an unknown or inactive user', async () => {
      users.isActiveUser.mockResolvedValue(false);

      const error = await domainErrorOf(service.assertActiveUser(ADMIN_ID, 'assigneeId'));

      expect(error).toBeInstanceOf(UnprocessableError);
      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(error.errors).toEqual([
        { field: 'assigneeId', message: 'assigneeId must name an active user' },
      ]);
    });
  });

  describe('count', () => {
    it('should answer how many users exist', async () => {
      users.count.mockResolvedValue(2);

      await expect(service.count()).resolves.toBe(2);
    });
  });
});
