import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim, IsDateTime } from '@rct/common';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { TaskPriority } from '../enums/task-priority.enum';
import { TaskStatus } from '../enums/task-status.enum';

@ApiSchema({ name: 'CreateTaskRequest' })
export class CreateTaskDto {
  /** The risk the task treats; fixed once the task exists. */
  @IsUUID()
  @ApiProperty({ format: 'uuid' })
  riskId: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'Restore-test the file server backups' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({
    example: "Restore one share from last night's backup and record how long it took.",
  })
  description?: string;

  /** An active user who does the work; null leaves the task unassigned. */
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  assigneeId?: string | null;

  /** Past this moment an unfinished task is overdue. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  dueAt?: Date | null;

  /** Moving to done or cancelled sets completedAt; moving back clears it. */
  @IsOptional()
  @IsEnum(TaskStatus)
  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus', default: TaskStatus.Open })
  status?: TaskStatus;

  @IsOptional()
  @IsEnum(TaskPriority)
  @ApiPropertyOptional({
    enum: TaskPriority,
    enumName: 'TaskPriority',
    default: TaskPriority.Medium,
  })
  priority?: TaskPriority;
}
