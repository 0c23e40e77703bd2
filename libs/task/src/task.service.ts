import { Injectable } from '@nestjs/common';
import { AuthUser, UserRole } from '@rct/auth';
import {
  assertVersion,
  AuditAction,
  AuditContext,
  AuditEntityType,
  Page,
  SqlWhere,
} from '@rct/common';
import { EntityStore, EntityStores, Listing } from '@rct/database';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto, TaskSortField } from './dto/list-tasks-query.dto';
import { TaskResponseDto } from './dto/task-response.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskEntity } from './entities/task.entity';
import { TaskPriority } from './enums/task-priority.enum';
import { isClosedTaskStatus, TaskStatus } from './enums/task-status.enum';
import {
  TaskFieldsForbiddenError,
  TaskNotAssignedToYouError,
  TaskNotFoundError,
  TaskUpdateNotAllowedError,
} from './task.errors';
import { toTaskResponse } from './task.mapper';

const SORT_COLUMNS: Record<TaskSortField, string> = {
  dueAt: 'task.due_at',
  priority: 'task.priority',
  status: 'task.status',
  title: 'task.title',
  createdAt: 'task.created_at',
  updatedAt: 'task.updated_at',
};

const TASK_LISTING: Listing<TaskSortField> = {
  alias: 'task',
  sortColumns: SORT_COLUMNS,
  defaultSort: { field: 'createdAt', direction: 'DESC' },
  cached: true,
};

/*
 * Written out (not bound) so that the planner can match the partial index tasks_overdue_idx,
 * whose predicate is the same list.
 */
const OPEN_TASK = `task.status NOT IN ('done', 'cancelled')`;

/** What an analyst may change on a task assigned to them. */
const ANALYST_FIELDS: ReadonlySet<string> = new Set<keyof UpdateTaskDto>(['status']);

@Injectable()
export class TaskService {
  private readonly tasks: EntityStore<TaskEntity>;

  constructor(
    stores: EntityStores,
    private readonly risks: RiskService,
    private readonly users: UserService,
    private readonly audit: AuditContext,
  ) {
    this.tasks = stores.for(TaskEntity, (id) => new TaskNotFoundError(id));
  }

  async create(dto: CreateTaskDto): Promise<TaskResponseDto> {
    await this.risks.assertExists(dto.riskId, 'riskId');
    if (dto.assigneeId) await this.users.assertActiveUser(dto.assigneeId, 'assigneeId');
    const status = dto.status ?? TaskStatus.Open;
    const task = await this.tasks.insert({
      ...dto,
      description: dto.description ?? '',
      assigneeId: dto.assigneeId ?? null,
      dueAt: dto.dueAt ?? null,
      status,
      priority: dto.priority ?? TaskPriority.Medium,
      completedAt: isClosedTaskStatus(status) ? new Date() : null,
    });
    const created = toTaskResponse(task);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Task, null, created);
    return created;
  }

  async list(query: ListTasksQueryDto): Promise<Page<TaskResponseDto>> {
    const where = new SqlWhere().equal({
      'task.risk_id': query.riskId,
      'task.assignee_id': query.assigneeId,
      'task.status': query.status,
      'task.priority': query.priority,
    });
    if (query.overdue === true) {
      where.and(`task.due_at < now() AND ${OPEN_TASK}`);
    } else if (query.overdue === false) {
      where.and(`(task.due_at IS NULL OR task.due_at >= now() OR NOT (${OPEN_TASK}))`);
    }
    return this.tasks.list(where, query, TASK_LISTING, toTaskResponse);
  }

  async get(id: string): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.find(id));
  }

  /**
   * Admins and managers change any field; an analyst only the status of a task assigned to
   * them. The permission is checked before the version, so a refusal does not depend on it.
   */
  async update(
    id: string,
    dto: UpdateTaskDto,
    actor: AuthUser,
    expectedVersion?: number,
  ): Promise<TaskResponseDto> {
    const task = await this.tasks.lock(id);
    assertMayUpdate(actor, task, dto);
    assertVersion(expectedVersion, task.version);
    const before = toTaskResponse(task);
    if (dto.assigneeId && dto.assigneeId !== task.assigneeId) {
      await this.users.assertActiveUser(dto.assigneeId, 'assigneeId');
    }
    const changes: Partial<TaskEntity> = { ...dto };
    if (dto.status !== undefined && dto.status !== task.status) {
      changes.completedAt = isClosedTaskStatus(dto.status) ? new Date() : null;
    }
    const after = toTaskResponse(await this.tasks.update(task, changes));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Task, before, after);
    return after;
  }

  async remove(id: string, expectedVersion?: number): Promise<void> {
    const task = await this.tasks.lock(id, expectedVersion);
    await this.tasks.remove(task);
    this.audit.describeChange(AuditAction.Delete, AuditEntityType.Task, toTaskResponse(task), null);
  }
}

function assertMayUpdate(actor: AuthUser, task: TaskEntity, dto: UpdateTaskDto): void {
  if (actor.role === UserRole.Admin || actor.role === UserRole.Manager) return;
  if (actor.role !== UserRole.Analyst) {
    throw new TaskUpdateNotAllowedError();
  }
  if (task.assigneeId !== actor.id) throw new TaskNotAssignedToYouError();
  const sent = Object.entries(dto)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
  const forbidden = sent.filter((field) => !ANALYST_FIELDS.has(field));
  if (forbidden.length > 0) throw new TaskFieldsForbiddenError(forbidden);
}
