import { csvColumns } from '@rct/common';
import { TaskResponseDto } from './dto/task-response.dto';

/** The columns of a task export: every field of a list item, in the mapper's order. */
export const TASK_EXPORT_COLUMNS = csvColumns<TaskResponseDto>({
  id: true,
  riskId: true,
  title: true,
  description: true,
  assigneeId: true,
  dueAt: true,
  status: true,
  priority: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
