import { ApiSchema } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { CreateRiskDto } from './create-risk.dto';

/** Only the fields sent change; send both residual values as null to clear them. */
@ApiSchema({ name: 'UpdateRiskRequest' })
export class UpdateRiskDto extends UpdateType(CreateRiskDto) {}
