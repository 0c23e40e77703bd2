import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { TaskPriority } from '../enums/task-priority.enum';
import { TaskStatus } from '../enums/task-status.enum';

@ApiSchema({ name: 'Task' })
export class TaskResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  riskId: string;

  @ApiProperty({ example: 'Restore-test the file server backups' })
  title: string;

  @ApiProperty({
    example: "Restore one share from last night's backup and record how long it took.",
  })
  description: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  assigneeId: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  dueAt: string | null;

  @ApiProperty({ enum: TaskStatus, enumName: 'TaskStatus' })
  status: TaskStatus;

  @ApiProperty({ enum: TaskPriority, enumName: 'TaskPriority' })
  priority: TaskPriority;

  /** When the task was last closed (done or cancelled); null while it is open. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  completedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version: number;
}

export const TaskPage = PageOf(TaskResponseDto, 'TaskPage');
