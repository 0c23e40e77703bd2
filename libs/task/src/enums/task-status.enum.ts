export enum TaskStatus {
  Open = 'open',
  InProgress = 'in_progress',
  Blocked = 'blocked',
  Done = 'done',
  Cancelled = 'cancelled',
}

/** Statuses that close a task: it is no longer overdue and carries a completedAt. */
export const CLOSED_TASK_STATUSES: readonly TaskStatus[] = [TaskStatus.Done, TaskStatus.Cancelled];

export function isClosedTaskStatus(status: TaskStatus): boolean {
  return CLOSED_TASK_STATUSES.includes(status);
}
