import { ApiSchema, OmitType } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { CreateTaskDto } from './create-task.dto';

/**
 * Only the fields sent change; send null to clear assigneeId or dueAt. A task stays with its
 * risk, and completedAt follows the status.
 */
@ApiSchema({ name: 'UpdateTaskRequest' })
export class UpdateTaskDto extends UpdateType(OmitType(CreateTaskDto, ['riskId'] as const)) {}
