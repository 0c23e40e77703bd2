import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateControlDto } from './create-control.dto';

/** Only the fields sent change; a control stays with its risk. */
export class UpdateControlDto extends PartialType(
  OmitType(CreateControlDto, ['riskId'] as const),
) {}
