import { HttpStatus } from '@nestjs/common';
import { AuthUser, UserRole } from '@rct/auth';
import { ForbiddenError, PreconditionFailedError, UnprocessableError } from '@rct/common';
import { AuditAction, AuditContext, AuditEntityType, ResourceExporter } from '@rct/audit';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks-query.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskEntity } from './entities/task.entity';
import { TaskPriority } from './enums/task-priority.enum';
import { TaskStatus } from './enums/task-status.enum';
import { TaskNotFoundError } from './task.errors';
import { toTaskResponse } from './task.mapper';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';
import {
  domainErrorOf,
  historyWithoutTrail,
  mockRepository,
  signedIn,
} from '../../../test/support/service-spec';

const TASK_ID = '00000000-0000-4000-8000-0000000000aa';
const RISK_ID = '00000000-0000-4000-8000-0000000000bb';
const ANALYST_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';
const CLOSED_AT = new Date('2024-02-01T00:00:00.000Z');
const NOW = new Date('2024-03-01T12:00:00.000Z');

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

const actor = (role: UserRole, id = ANALYST_ID): AuthUser => signedIn(role, id);

function dto(fields: Partial<UpdateTaskDto>): UpdateTaskDto {
  return Object.assign(new UpdateTaskDto(), fields);
}

describe(TaskService.name, () => {
  let tasks: jest.Mocked<TaskRepository>;
  let risks: jest.Mocked<Pick<RiskService, 'assertExists'>>;
  let users: jest.Mocked<Pick<UserService, 'assertActiveUser'>>;
  let audit: jest.Mocked<Pick<AuditContext, 'describeChange'>>;
  let service: TaskService;

  beforeEach(() => {
    // completedAt is stamped from the clock; promises must still settle.
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'queueMicrotask'] });
    tasks = mockRepository<TaskRepository, TaskEntity>(taskEntity);
    risks = { assertExists: jest.fn().mockResolvedValue(undefined) };
    users = { assertActiveUser: jest.fn().mockResolvedValue(undefined) };
    audit = { describeChange: jest.fn() };
    service = new TaskService(
      tasks,
      risks as unknown as RiskService,
      users as unknown as UserService,
      audit as unknown as AuditContext,
      {} as ResourceExporter,
      historyWithoutTrail(),
    );
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('create', () => {
    const create = (fields: Partial<CreateTaskDto> = {}): CreateTaskDto =>
      Object.assign(new CreateTaskDto(), { riskId: RISK_ID, title: 'Patch', ...fields });

    it('should insert an open, unassigned task with the defaults', async () => {
      await service.create(create());

      expect(tasks.insert).toHaveBeenCalledWith({
        riskId: RISK_ID,
        title: 'Patch',
        description: '',
        assigneeId: null,
        dueAt: null,
        status: TaskStatus.Open,
        priority: TaskPriority.Medium,
        completedAt: null,
      });
      expect(users.assertActiveUser).not.toHaveBeenCalled();
    });

    it('should check the risk and the assignee', async () => {
      await service.create(create({ assigneeId: OTHER_ID }));

      expect(risks.assertExists).toHaveBeenCalledWith(RISK_ID, 'riskId');
      expect(users.assertActiveUser).toHaveBeenCalledWith(OTHER_ID, 'assigneeId');
    });

    it('should stamp completedAt on a task created closed', async () => {
      await service.create(create({ status: TaskStatus.Cancelled }));

      expect(tasks.insert).toHaveBeenCalledWith(expect.objectContaining({ completedAt: NOW }));
    });

    it('should refuse an unknown risk with 422 and insert nothing', async () => {
      risks.assertExists.mockRejectedValue(new UnprocessableError('riskId is unknown.'));

      const error = await domainErrorOf(service.create(create()));

      expect(error.status).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
      expect(tasks.insert).not.toHaveBeenCalled();
    });

    it('should describe the creation for the audit trail', async () => {
      const created = await service.create(create());

      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Create,
        AuditEntityType.Task,
        null,
        created,
      );
    });
  });

  describe('list', () => {
    it('should pass the filters to the repository and page the responses', async () => {
      const task = taskEntity();
      tasks.list.mockResolvedValue({ items: [task], total: 7 });
      const query = Object.assign(new ListTasksQueryDto(), {
        assigneeId: ANALYST_ID,
        overdue: false,
        q: 'backup',
        limit: 1,
        offset: 3,
      });

      const page = await service.list(query);

      expect(tasks.list).toHaveBeenCalledWith(
        {
          riskId: undefined,
          assigneeId: ANALYST_ID,
          status: undefined,
          priority: undefined,
          overdue: false,
        },
        query,
      );
      expect(page).toEqual({ items: [toTaskResponse(task)], total: 7, limit: 1, offset: 3 });
    });
  });

  describe('get', () => {
    it('should answer the task', async () => {
      await expect(service.get(TASK_ID)).resolves.toEqual(toTaskResponse(taskEntity()));
      expect(tasks.findById).toHaveBeenCalledWith(TASK_ID);
    });

    it('should throw a 404 TaskNotFoundError for an unknown id', async () => {
      tasks.findById.mockResolvedValue(null);

      const error = await domainErrorOf(service.get(TASK_ID));

      expect(error).toBeInstanceOf(TaskNotFoundError);
      expect(error.status).toBe(HttpStatus.NOT_FOUND);
    });
  });

  describe('update', () => {
    it('should throw a 404 TaskNotFoundError for an unknown id', async () => {
      tasks.findByIdForUpdate.mockResolvedValue(null);

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
      expect(error.status).toBe(HttpStatus.PRECONDITION_FAILED);
      expect(tasks.update).not.toHaveBeenCalled();
    });

    it('should save the sent fields on the locked row', async () => {
      await service.update(TASK_ID, dto({ title: 'New' }), actor(UserRole.Admin), 3);

      expect(tasks.findByIdForUpdate).toHaveBeenCalledWith(TASK_ID);
      expect(tasks.update).toHaveBeenCalledWith(taskEntity(), { title: 'New' });
    });

    it('should describe the change for the audit trail', async () => {
      const after = await service.update(TASK_ID, dto({ title: 'New' }), actor(UserRole.Admin));

      expect(after).toMatchObject({ title: 'New', version: 4 });
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Update,
        AuditEntityType.Task,
        toTaskResponse(taskEntity()),
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
          tasks.findByIdForUpdate.mockResolvedValue(taskEntity({ status: TaskStatus.Blocked }));

          const after = await service.update(TASK_ID, dto({ status }), actor(UserRole.Admin));

          expect(tasks.update).toHaveBeenLastCalledWith(expect.anything(), {
            status,
            completedAt: NOW,
          });
          expect(after.completedAt).toBe(NOW.toISOString());
        }
      });

      it('should be cleared when the status moves back', async () => {
        tasks.findByIdForUpdate.mockResolvedValue(
          taskEntity({ status: TaskStatus.Done, completedAt: CLOSED_AT }),
        );

        await service.update(TASK_ID, dto({ status: TaskStatus.Open }), actor(UserRole.Admin));

        expect(tasks.update).toHaveBeenCalledWith(expect.anything(), {
          status: TaskStatus.Open,
          completedAt: null,
        });
      });

      it('should stay when the status does not change', async () => {
        tasks.findByIdForUpdate.mockResolvedValue(
          taskEntity({ status: TaskStatus.Done, completedAt: CLOSED_AT }),
        );

        const after = await service.update(
          TASK_ID,
          dto({ status: TaskStatus.Done, title: 'Renamed' }),
          actor(UserRole.Admin),
        );

        expect(tasks.update.mock.calls[0][1]).not.toHaveProperty('completedAt');
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
        expect(tasks.update).not.toHaveBeenCalled();
      });

      it('should refuse a task assigned to someone else or nobody with 403', async () => {
        for (const assigneeId of [OTHER_ID, null]) {
          tasks.findByIdForUpdate.mockResolvedValue(taskEntity({ assigneeId }));

          const error = await domainErrorOf(
            service.update(TASK_ID, dto({ status: TaskStatus.Done }), actor(UserRole.Analyst)),
          );

          expect(error).toBeInstanceOf(ForbiddenError);
        }
        expect(tasks.update).not.toHaveBeenCalled();
      });

      it('should refuse before checking the version', async () => {
        tasks.findByIdForUpdate.mockResolvedValue(taskEntity({ assigneeId: OTHER_ID }));

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
      expect(tasks.update).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it('should remove the locked task and describe the deletion', async () => {
      await service.remove(TASK_ID, 3);

      expect(tasks.findByIdForUpdate).toHaveBeenCalledWith(TASK_ID);
      expect(tasks.remove).toHaveBeenCalledWith(TASK_ID);
      expect(audit.describeChange).toHaveBeenCalledWith(
        AuditAction.Delete,
        AuditEntityType.Task,
        toTaskResponse(taskEntity()),
        null,
      );
    });

    it('should throw a 404 TaskNotFoundError for an unknown id', async () => {
      tasks.findByIdForUpdate.mockResolvedValue(null);

      const error = await domainErrorOf(service.remove(TASK_ID));

      expect(error).toBeInstanceOf(TaskNotFoundError);
      expect(tasks.remove).not.toHaveBeenCalled();
    });

    it('should throw a 412 for a stale If-Match and not remove', async () => {
      const error = await domainErrorOf(service.remove(TASK_ID, 2));

      expect(error).toBeInstanceOf(PreconditionFailedError);
      expect(tasks.remove).not.toHaveBeenCalled();
      expect(audit.describeChange).not.toHaveBeenCalled();
    });
  });
});
