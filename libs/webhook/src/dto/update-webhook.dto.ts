import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateWebhookDto } from './create-webhook.dto';

/** Only the fields sent change; `active: true` switches a disabled endpoint back on. */
@ApiSchema({ name: 'UpdateWebhookRequest' })
export class UpdateWebhookDto extends UpdateType(CreateWebhookDto) {
  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional()
  active?: boolean;
}
