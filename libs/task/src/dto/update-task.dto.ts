import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateTaskDto } from './create-task.dto';

/**
 * Only the fields sent change; send null to clear assigneeId or dueAt. A task stays with its
 * risk, and completedAt follows the status.
 */
export class UpdateTaskDto extends PartialType(OmitType(CreateTaskDto, ['riskId'] as const)) {}
