import { ApiSchema, OmitType } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { CreateControlDto } from './create-control.dto';

/** Only the fields sent change; a control stays with its risk. */
@ApiSchema({ name: 'UpdateControlRequest' })
export class UpdateControlDto extends UpdateType(OmitType(CreateControlDto, ['riskId'] as const)) {}
