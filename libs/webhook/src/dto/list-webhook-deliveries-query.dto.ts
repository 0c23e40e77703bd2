import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@rct/common';
import { IsEnum, IsOptional } from 'class-validator';
import { WebhookDeliveryStatus } from '../enums/webhook-delivery-status.enum';

/** Newest first. */
export class ListWebhookDeliveriesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  @ApiPropertyOptional({ enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus' })
  status?: WebhookDeliveryStatus;
}
