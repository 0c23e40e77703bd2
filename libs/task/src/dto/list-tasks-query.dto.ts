import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, sortValues, ToBoolean, Trim } from '@rct/common';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TaskPriority } from '../enums/task-priority.enum';
import { TaskStatus } from '../enums/task-status.enum';

export const TASK_SORT_FIELDS = [
  'dueAt',
  'priority',
  'status',
  'title',
  'createdAt',
  'updatedAt',
] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export class ListTasksQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  riskId?: string;

  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  assigneeId?: string;

  @IsOptional()
  @IsEnum(TaskStatus)
  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus' })
  status?: TaskStatus;

  @IsOptional()
  @IsEnum(TaskPriority)
  @ApiPropertyOptional({ enum: TaskPriority, enumName: 'TaskPriority' })
  priority?: TaskPriority;

  /** True: past dueAt and neither done nor cancelled. False: every other task. */
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  @ApiPropertyOptional({ type: Boolean })
  overdue?: boolean;

  /** Words to find in title or description (web-search syntax). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A field, descending with a leading `-`. */
  @IsOptional()
  @IsIn(sortValues(TASK_SORT_FIELDS))
  @ApiPropertyOptional({
    enum: sortValues(TASK_SORT_FIELDS),
    enumName: 'TaskSort',
    default: '-createdAt',
  })
  sort: string = '-createdAt';
}
