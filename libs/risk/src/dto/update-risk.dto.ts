import { PartialType } from '@nestjs/swagger';
import { CreateRiskDto } from './create-risk.dto';

/** Only the fields sent change; send both residual values as null to clear them. */
export class UpdateRiskDto extends PartialType(CreateRiskDto) {}
