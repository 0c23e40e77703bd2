import { HttpStatus } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { USER_SESSIONS_REVOKED, UserRole, UserSessionsRevokedEvent } from '@rct/auth';
import { AuditContext, DomainError, PreconditionFailedError } from '@rct/common';
import { FindOneOptions } from 'typeorm';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { LastAdminError, UserNotFoundError } from './user.errors';
import { UserService } from './user.service';

const ADMIN_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ADMIN_ID = '00000000-0000-4000-8000-000000000002';
const TOKENS_VALID_AFTER = new Date('2024-01-01T00:00:00.000Z');

function userEntity(overrides: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), {
    id: ADMIN_ID,
    email: 'admin@example.com',
    fullName: 'Ada Admin',
    role: UserRole.Admin,
    isActive: true,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    tokensValidAfter: TOKENS_VALID_AFTER,
    createdAt: new Date('2023-12-01T00:00:00.000Z'),
    updatedAt: new Date('2023-12-01T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

async function domainErrorOf(attempt: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(UserService.name, () => {
  let repository: {
    findOne: jest.Mock<Promise<UserEntity | null>, [FindOneOptions<UserEntity>]>;
    save: jest.Mock<Promise<UserEntity>, [UserEntity]>;
    createQueryBuilder: jest.Mock;
  };
  let adminQuery: { select: jest.Mock; where: jest.Mock; setLock: jest.Mock; getMany: jest.Mock };
  let events: jest.Mocked<Pick<EventEmitter2, 'emitAsync'>>;
  let hasher: jest.Mocked<Pick<PasswordHasher, 'hash' | 'verify'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describe' | 'describeChange'>>;
  let service: UserService;

  beforeEach(() => {
    adminQuery = {
      select: jest.fn().mockReturnThis(),
      where: jest.fn().mockReturnThis(),
      setLock: jest.fn().mockReturnThis(),
      getMany: jest.fn().mockResolvedValue([]),
    };
    repository = {
      findOne: jest.fn().mockResolvedValue(null),
      save: jest.fn((user: UserEntity) =>
        Promise.resolve(Object.assign(new UserEntity(), user, { version: user.version + 1 })),
      ),
      createQueryBuilder: jest.fn().mockReturnValue(adminQuery),
    };
    const txHost = {
      tx: { getRepository: jest.fn().mockReturnValue(repository) },
    } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
    events = { emitAsync: jest.fn().mockResolvedValue([]) };
    hasher = { hash: jest.fn(), verify: jest.fn() };
    audit = { describe: jest.fn(), describeChange: jest.fn() };
    service = new UserService(
      txHost,
      hasher as unknown as PasswordHasher,
      events as unknown as EventEmitter2,
      audit as unknown as AuditContext,
    );
  });

  describe('update', () => {
    it('should throw a 404 UserNotFoundError for an unknown id', async () => {
      repository.findOne.mockResolvedValue(null);

      const error = await domainErrorOf(service.update(ADMIN_ID, { fullName: 'Nobody' }));

      expect(error).toBeInstanceOf(UserNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
      expect(repository.save).not.toHaveBeenCalled();
    });

    it('should load the user under a write lock', async () => {
      repository.findOne.mockResolvedValue(userEntity({ role: UserRole.Viewer }));

      await service.update(ADMIN_ID, { fullName: 'Vera Viewer' });

      expect(repository.findOne).toHaveBeenCalledWith({
        where: { id: ADMIN_ID },
        lock: { mode: 'pessimistic_write' },
      });
    });

    describe('with If-Match', () => {
      it('should throw a 412 PreconditionFailedError for a stale version and not save', async () => {
        repository.findOne.mockResolvedValue(userEntity({ role: UserRole.Viewer, version: 3 }));

        const error = await domainErrorOf(service.update(ADMIN_ID, { fullName: 'New' }, 2));

        expect(error).toBeInstanceOf(PreconditionFailedError);
        expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
        expect(repository.save).not.toHaveBeenCalled();
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should check the version before the last-admin rule', async () => {
        repository.findOne.mockResolvedValue(userEntity({ version: 3 }));

        const error = await domainErrorOf(service.update(ADMIN_ID, { isActive: false }, 2));

        expect(error).toBeInstanceOf(PreconditionFailedError);
        expect(repository.createQueryBuilder).not.toHaveBeenCalled();
      });

      it('should save when the version matches', async () => {
        repository.findOne.mockResolvedValue(userEntity({ role: UserRole.Viewer, version: 3 }));

        await expect(service.update(ADMIN_ID, { fullName: 'New' }, 3)).resolves.toMatchObject({
          fullName: 'New',
          version: 4,
        });
        expect(repository.save).toHaveBeenCalledTimes(1);
      });
    });

    describe('the last active admin', () => {
      it.each([UserRole.Manager, UserRole.Analyst, UserRole.Viewer])(
        'should throw a 409 LastAdminError when demoting the only active admin to %s',
        async (role) => {
          repository.findOne.mockResolvedValue(userEntity());
          adminQuery.getMany.mockResolvedValue([userEntity()]);

          const error = await domainErrorOf(service.update(ADMIN_ID, { role }));

          expect(error).toBeInstanceOf(LastAdminError);
          expect(error.status).toBe(HttpStatus.CONFLICT);
          expect(repository.save).not.toHaveBeenCalled();
        },
      );

      it('should throw a 409 LastAdminError when deactivating the only active admin', async () => {
        repository.findOne.mockResolvedValue(userEntity());
        adminQuery.getMany.mockResolvedValue([userEntity()]);

        const error = await domainErrorOf(service.update(ADMIN_ID, { isActive: false }));

        expect(error).toBeInstanceOf(LastAdminError);
        expect(repository.save).not.toHaveBeenCalled();
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should lock the active admins while counting them', async () => {
        repository.findOne.mockResolvedValue(userEntity());
        adminQuery.getMany.mockResolvedValue([userEntity({ id: OTHER_ADMIN_ID })]);

        await service.update(ADMIN_ID, { role: UserRole.Manager });

        expect(adminQuery.where).toHaveBeenCalledWith(expect.stringContaining('is_active'), {
          role: UserRole.Admin,
        });
        expect(adminQuery.setLock).toHaveBeenCalledWith('pessimistic_write');
      });

      it('should demote an admin when another active admin exists, and end older tokens', async () => {
        repository.findOne.mockResolvedValue(userEntity());
        adminQuery.getMany.mockResolvedValue([userEntity(), userEntity({ id: OTHER_ADMIN_ID })]);
        const before = Date.now();

        const response = await service.update(ADMIN_ID, { role: UserRole.Manager });

        expect(repository.save).toHaveBeenCalledTimes(1);
        const saved = repository.save.mock.calls[0][0];
        expect(saved.role).toBe(UserRole.Manager);
        expect(saved.isActive).toBe(true);
        expect(saved.tokensValidAfter.getTime()).toBeGreaterThanOrEqual(before);
        expect(saved.tokensValidAfter.getTime()).toBeGreaterThan(TOKENS_VALID_AFTER.getTime());
        expect(response).toMatchObject({ id: ADMIN_ID, role: UserRole.Manager, version: 4 });
        expect(response).not.toHaveProperty('passwordHash');
        expect(response).not.toHaveProperty('tokensValidAfter');
        expect(events.emitAsync).not.toHaveBeenCalled();
      });

      it('should not query the admins when an admin only changes the name', async () => {
        repository.findOne.mockResolvedValue(userEntity());

        await service.update(ADMIN_ID, { fullName: 'Ada Lovelace', role: UserRole.Admin });

        expect(repository.createQueryBuilder).not.toHaveBeenCalled();
        const saved = repository.save.mock.calls[0][0];
        expect(saved.fullName).toBe('Ada Lovelace');
        expect(saved.tokensValidAfter).toEqual(TOKENS_VALID_AFTER);
      });

      it('should not apply the rule to an inactive admin', async () => {
        repository.findOne.mockResolvedValue(userEntity({ isActive: false }));

        await service.update(ADMIN_ID, { role: UserRole.Viewer });

        expect(repository.createQueryBuilder).not.toHaveBeenCalled();
        expect(repository.save.mock.calls[0][0].role).toBe(UserRole.Viewer);
      });
    });

    describe('deactivation', () => {
      it(`should emit ${USER_SESSIONS_REVOKED} with reason deactivated after saving`, async () => {
        repository.findOne.mockResolvedValue(userEntity());
        adminQuery.getMany.mockResolvedValue([userEntity(), userEntity({ id: OTHER_ADMIN_ID })]);
        const before = Date.now();

        const response = await service.update(ADMIN_ID, { isActive: false });

        const saved = repository.save.mock.calls[0][0];
        expect(saved.isActive).toBe(false);
        expect(saved.tokensValidAfter.getTime()).toBeGreaterThanOrEqual(before);
        expect(events.emitAsync).toHaveBeenCalledTimes(1);
        expect(events.emitAsync).toHaveBeenCalledWith(USER_SESSIONS_REVOKED, {
          userId: ADMIN_ID,
          reason: 'deactivated',
        } satisfies UserSessionsRevokedEvent);
        expect(repository.save.mock.invocationCallOrder[0]).toBeLessThan(
          events.emitAsync.mock.invocationCallOrder[0],
        );
        expect(response.isActive).toBe(false);
      });

      it('should deactivate a non-admin without counting admins', async () => {
        repository.findOne.mockResolvedValue(userEntity({ role: UserRole.Analyst }));

        await service.update(ADMIN_ID, { isActive: false });

        expect(repository.createQueryBuilder).not.toHaveBeenCalled();
        expect(events.emitAsync).toHaveBeenCalledWith(USER_SESSIONS_REVOKED, {
          userId: ADMIN_ID,
          reason: 'deactivated',
        });
      });

      it('should not emit again for a user who is already inactive', async () => {
        repository.findOne.mockResolvedValue(
          userEntity({ role: UserRole.Analyst, isActive: false }),
        );

        await service.update(ADMIN_ID, { isActive: false });

        expect(events.emitAsync).not.toHaveBeenCalled();
        expect(repository.save.mock.calls[0][0].tokensValidAfter).toEqual(TOKENS_VALID_AFTER);
      });

      it('should propagate a failing listener so the transaction rolls back', async () => {
        repository.findOne.mockResolvedValue(userEntity({ role: UserRole.Analyst }));
        events.emitAsync.mockRejectedValue(new Error('revocation failed'));

        await expect(service.update(ADMIN_ID, { isActive: false })).rejects.toThrow(
          'revocation failed',
        );
      });
    });
  });
});
