import { exportFields, field } from '@rct/database';
import { TaskResponseDto } from './dto/task-response.dto';

/**
 * A task list item as an export writes it (what toTaskResponse writes), every
 * field in the mapper's order, over the repository's alias `task`.
 */
export const TASK_EXPORT_FIELDS = exportFields<TaskResponseDto>({
  id: field.token('task.id'),
  riskId: field.token('task.riskId'),
  title: field.text('task.title'),
  description: field.text('task.description'),
  assigneeId: field.token('task.assigneeId'),
  dueAt: field.timestamp('task.dueAt'),
  status: field.token('task.status'),
  priority: field.token('task.priority'),
  completedAt: field.timestamp('task.completedAt'),
  createdAt: field.timestamp('task.createdAt'),
  updatedAt: field.timestamp('task.updatedAt'),
  version: field.integer('task.version'),
});
