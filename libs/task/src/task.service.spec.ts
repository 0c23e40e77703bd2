import { HttpStatus } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuthUser, UserRole } from '@rct/auth';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  assertVersion,
  DomainError,
  ForbiddenError,
  PreconditionFailedError,
} from '@rct/common';
import { EntityStore, EntityStores } from '@rct/database';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskEntity } from './entities/task.entity';
import { TaskPriority } from './enums/task-priority.enum';
import { TaskStatus } from './enums/task-status.enum';
import { TaskNotFoundError } from './task.errors';
import { TaskService } from './task.service';

const TASK_ID = '00000000-0000-4000-8000-0000000000aa';
const RISK_ID = '00000000-0000-4000-8000-0000000000bb';
const ANALYST_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const CLOSED_AT = new Date('2024-02-01T00:00:00.000Z');

function taskEntity(overrides: Partial<TaskEntity> = {}): TaskEntity {
  return Object.assign(new TaskEntity(), {
    id: TASK_ID,
    riskId: RISK_ID,
    title: 'Restore-test the backups',
    description: '',
    assigneeId: ANALYST_ID,
    dueAt: null,
    status: TaskStatus.Open,
    priority: TaskPriority.Medium,
    completedAt: null,
    createdAt: new Date('2024-01-01T00:00:00.000Z'),
    updatedAt: new Date('2024-01-01T00:00:00.000Z'),
    version: 3,
    ...overrides,
  });
}

function actor(role: UserRole, id = ANALYST_ID): AuthUser {
  return { id, role, email: `${role}@example.com`, fullName: role, sessionId: 'session' };
}

function dto(fields: Partial<UpdateTaskDto>): UpdateTaskDto {
  return Object.assign(new UpdateTaskDto(), fields);
}

async function domainErrorOf(attempt: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(TaskService.name, () => {
  let stored: TaskEntity | null;
  let save: jest.SpyInstance;
  let users: jest.Mocked<Pick<UserService, 'assertActiveUser'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: TaskService;

  beforeEach(() => {
    stored = taskEntity();
    // The store's SQL is covered end to end (test/tasks.e2e-spec.ts); here it is an in-memory row.
    jest.spyOn(EntityStore.prototype, 'lock').mockImplementation((id, expectedVersion) => {
      if (!stored) return Promise.reject(new TaskNotFoundError(id));
      assertVersion(expectedVersion, stored.version);
      return Promise.resolve(stored as never);
    });
    save = jest.spyOn(EntityStore.prototype, 'update').mockImplementation((task, changes) => {
      const present = Object.entries(changes).filter(([, value]) => value !== undefined);
      stored = Object.assign(new TaskEntity(), task, Object.fromEntries(present), {
        version: task.version + 1,
      });
      return Promise.resolve(stored as never);
    });
    const txHost = {} as TransactionHost<TransactionalAdapterTypeOrm>;
    const stores = {
      for: (target, notFound) => new EntityStore(txHost, target, notFound, { listCacheEntries: 0 }),
    } as EntityStores;
    users = { assertActiveUser: jest.fn().mockResolvedValue(undefined) };
    audit = { describeChange: jest.fn() };
    service = new TaskService(
      stores,
      { assertExists: jest.fn() } as unknown as RiskService,
      users as unknown as UserService,
      audit as unknown as AuditContext,
    );
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('update', () => {
    it('should throw a 404 TaskNotFoundError for an unknown id', async () => {
      stored = null;

      const error = await domainErrorOf(
        service.update(TASK_ID, dto({ title: 'X' }), actor(UserRole.Admin)),
      );

      expect(error).toBeInstanceOf(TaskNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });

    it('should throw a 412 for a stale If-Match and not save', async () => {
      const error = await domainErrorOf(
        service.update(TASK_ID, dto({ title: 'X' }), actor(UserRole.Manager), 2),
      );

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(save).not.toHaveBeenCalled();
    });

    it('should describe the change for the audit trail', async () => {
      const after = await service.update(TASK_ID, dto({ title: 'New' }), actor(UserRole.Admin));

      expect(after).toMatchObject({ title: 'New', version: 4 });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.Task,
        expect.objectContaining({ title: 'Restore-test the backups', version: 3 }),
        after,
      );
    });

    it('should check a new assignee but not an unchanged one', async () => {
      await service.update(TASK_ID, dto({ assigneeId: ANALYST_ID }), actor(UserRole.Admin));
      expect(users.assertActiveUser).not.toHaveBeenCalled();

      await service.update(TASK_ID, dto({ assigneeId: OTHER_ID }), actor(UserRole.Admin));
      expect(users.assertActiveUser).toHaveBeenCalledWith(OTHER_ID, 'assigneeId');
    });

    describe('completedAt', () => {
      it('should be set when the status moves to done or cancelled', async () => {
        for (const status of [TaskStatus.Done, TaskStatus.Cancelled]) {
          stored = taskEntity({ status: TaskStatus.Blocked });

          const after = await service.update(TASK_ID, dto({ status }), actor(UserRole.Admin));

          expect(after.completedAt).not.toBeNull();
        }
      });

      it('should be cleared when the status moves back', async () => {
        stored = taskEntity({ status: TaskStatus.Done, completedAt: CLOSED_AT });

        const after = await service.update(
          TASK_ID,
          dto({ status: TaskStatus.Open }),
          actor(UserRole.Admin),
        );

        expect(after.completedAt).toBeNull();
      });

      it('should stay when the status does not change', async () => {
        stored = taskEntity({ status: TaskStatus.Done, completedAt: CLOSED_AT });

        const after = await service.update(
          TASK_ID,
          dto({ status: TaskStatus.Done, title: 'Renamed' }),
          actor(UserRole.Admin),
        );

        expect(after.completedAt).toBe(CLOSED_AT.toISOString());
      });
    });

    describe('as an analyst', () => {
      it('should change the status of a task assigned to them', async () => {
        const after = await service.update(
          TASK_ID,
          dto({ status: TaskStatus.InProgress }),
          actor(UserRole.Analyst),
        );

        expect(after.status).toBe(TaskStatus.InProgress);
      });

      it.each<[string, Partial<UpdateTaskDto>]>([
        ['title', { title: 'Mine' }],
        ['priority', { status: TaskStatus.Done, priority: TaskPriority.Low }],
        ['assigneeId', { assigneeId: ANALYST_ID }],
        ['assigneeId', { assigneeId: null }],
        ['dueAt', { dueAt: null }],
      ])('should refuse a change of %s with 403', async (field, fields) => {
        const error = await domainErrorOf(
          service.update(TASK_ID, dto(fields), actor(UserRole.Analyst)),
        );

        expect(error).toBeInstanceOf(ForbiddenError);
        expect(error.status).toBe(HttpStatus.FORBIDDEN);
        expect(error.message).toContain(field);
        expect(save).not.toHaveBeenCalled();
      });

      it('should refuse a task assigned to someone else or nobody with 403', async () => {
        for (const assigneeId of [OTHER_ID, null]) {
          stored = taskEntity({ assigneeId });

          const error = await domainErrorOf(
            service.update(TASK_ID, dto({ status: TaskStatus.Done }), actor(UserRole.Analyst)),
          );

          expect(error).toBeInstanceOf(ForbiddenError);
        }
        expect(save).not.toHaveBeenCalled();
      });

      it('should refuse before checking the version', async () => {
        stored = taskEntity({ assigneeId: OTHER_ID });

        const error = await domainErrorOf(
          service.update(TASK_ID, dto({ status: TaskStatus.Done }), actor(UserRole.Analyst), 1),
        );

        expect(error).toBeInstanceOf(ForbiddenError);
      });
    });

    it('should refuse a viewer with 403 even past the roles guard', async () => {
      const error = await domainErrorOf(
        service.update(
          TASK_ID,
          dto({ status: TaskStatus.Done }),
          actor(UserRole.Viewer, ANALYST_ID),
        ),
      );

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });
});
