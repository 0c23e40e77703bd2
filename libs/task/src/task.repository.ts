import { Injectable } from '@nestjs/common';
import {
  EntityPage,
  Listing,
  ListOrder,
  PageRequest,
  RepositoryContext,
  ExportQuery,
  VersionedRepository,
} from '@rct/database';
import { SelectQueryBuilder } from 'typeorm';
import { TASK_SORT_FIELDS, TaskSortField } from './dto/list-tasks-query.dto';
import { TaskEntity } from './entities/task.entity';
import { TaskPriority } from './enums/task-priority.enum';
import { CLOSED_TASK_STATUSES, TaskStatus } from './enums/task-status.enum';

export interface TaskFilter {
  riskId?: string;
  assigneeId?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  /** True: past its due date and still open. False: every other task. */
  overdue?: boolean;
}

const TASK_LISTING: Listing<TaskSortField> = {
  sortFields: TASK_SORT_FIELDS,
  defaultSort: { field: 'createdAt', direction: 'DESC' },
  searchColumn: 'search',
  cached: true,
};

/*
 * Literals, not bound parameters, so that the planner can match the partial index
 * tasks_overdue_idx, whose predicate is the same list.
 */
const CLOSED_LITERALS = CLOSED_TASK_STATUSES.map((status) => `'${status}'`).join(', ');
const OPEN_TASK = `task.status NOT IN (${CLOSED_LITERALS})`;

@Injectable()
export class TaskRepository extends VersionedRepository<TaskEntity> {
  constructor(context: RepositoryContext) {
    super(context, TaskEntity, 'task');
  }

  list(filter: TaskFilter, page: PageRequest): Promise<EntityPage<TaskEntity>> {
    // A task becomes overdue without a write, so no cached page can answer either filter.
    return this.page(filter, () => this.filtered(filter), page, TASK_LISTING, {
      readsClock: filter.overdue !== undefined,
    });
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from TASK_EXPORT_FIELDS).
   */
  exportQuery(filter: TaskFilter, order: ListOrder, values: string[]): ExportQuery {
    return this.listValuesQuery(() => this.filtered(filter), order, TASK_LISTING, values);
  }

  private filtered(filter: TaskFilter): SelectQueryBuilder<TaskEntity> {
    const { overdue, ...equal } = filter;
    const builder = this.whereEqual(this.select(), equal);
    if (overdue === true) {
      builder.andWhere(`task.dueAt < now() AND ${OPEN_TASK}`);
    } else if (overdue === false) {
      builder.andWhere(`(task.dueAt IS NULL OR task.dueAt >= now() OR NOT (${OPEN_TASK}))`);
    }
    return builder;
  }
}
