import { Injectable, StreamableFile } from '@nestjs/common';
import { AuthUser, UserRole } from '@rct/auth';
import { assertVersion, mapOnce, orNotFound, Page, toPage } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
  EntityHistory,
  HistoryKind,
  HistoryPageDto,
  HistoryQueryDto,
} from '@rct/audit';
import { RiskService } from '@rct/risk';
import { UserService } from '@rct/user';
import { CreateTaskDto } from './dto/create-task.dto';
import { ExportTasksQueryDto } from './dto/export-tasks-query.dto';
import { ListTasksQueryDto } from './dto/list-tasks-query.dto';
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
import { TASK_EXPORT_FIELDS } from './task.export';
import { toTaskResponse } from './task.mapper';
import { TaskFilter, TaskRepository } from './task.repository';

/** What an analyst may change on a task assigned to them. */
const ANALYST_FIELDS: ReadonlySet<string> = new Set<keyof UpdateTaskDto>(['status']);

/** Cached list pages hold the same frozen rows: each is mapped once, not per request. */
const taskListItem = mapOnce(toTaskResponse);

/** How the audit trail knows tasks: their `/history` and `?asOf=`. */
const TASK_HISTORY: HistoryKind<TaskResponseDto> = {
  entityType: AuditEntityType.Task,
  notFound: (id) => new TaskNotFoundError(id),
};

@Injectable()
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly risks: RiskService,
    private readonly users: UserService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
    private readonly trail: EntityHistory,
  ) {}

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
    const page = await this.tasks.list(taskFilter(query), query);
    return toPage(page.items.map(taskListItem), page.total, query);
  }

  /** Every task the list's filters select, in its order, as CSV or NDJSON list items. */
  export(query: ExportTasksQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = taskFilter(query);
    return this.exporter.export(
      {
        resource: 'tasks',
        entityType: AuditEntityType.Task,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        fields: TASK_EXPORT_FIELDS,
        query: (values) => this.tasks.exportQuery(filter, query, values),
      },
      facts,
    );
  }

  /** Now, or as it stood at `asOf` (rebuilt from the audit trail; 404 if not there then). */
  async get(id: string, asOf?: Date): Promise<TaskResponseDto> {
    const current = await this.tasks.findById(id);
    return this.trail.currentOrAsOf(TASK_HISTORY, id, asOf, current && toTaskResponse(current));
  }

  /** Its audit events, oldest first; also for a deleted one (404 if it never existed). */
  history(id: string, query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.trail.page(TASK_HISTORY, id, query);
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
    const task = await this.lock(id);
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
    const task = await this.lock(id);
    assertVersion(expectedVersion, task.version);
    await this.tasks.remove(task.id);
    this.audit.describeChange(AuditAction.Delete, AuditEntityType.Task, toTaskResponse(task), null);
  }

  /** Locks the row for the rest of the transaction: of two concurrent writers, one waits. */
  private async lock(id: string): Promise<TaskEntity> {
    return orNotFound(await this.tasks.findByIdForUpdate(id), () => new TaskNotFoundError(id));
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

function taskFilter(query: ListTasksQueryDto | ExportTasksQueryDto): TaskFilter {
  const { riskId, assigneeId, status, priority, overdue } = query;
  return { riskId, assigneeId, status, priority, overdue };
}
