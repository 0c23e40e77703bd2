import { TaskResponseDto } from './dto/task-response.dto';
import { TaskEntity } from './entities/task.entity';

export function toTaskResponse(task: TaskEntity): TaskResponseDto {
  return {
    id: task.id,
    riskId: task.riskId,
    title: task.title,
    description: task.description,
    assigneeId: task.assigneeId,
    dueAt: task.dueAt?.toISOString() ?? null,
    status: task.status,
    priority: task.priority,
    completedAt: task.completedAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    version: task.version,
  };
}
