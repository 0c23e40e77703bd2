import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { WebhookDeliveryStatus } from '../enums/webhook-delivery-status.enum';

@ApiSchema({ name: 'WebhookDelivery' })
export class WebhookDeliveryResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** The audit event's id (or the checkpoint's, or the ping's); sent as `webhook-id`. */
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ example: 'risk.create' })
  eventType: string;

  /** Attempts made so far. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  attempt: number;

  @ApiProperty({ enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus' })
  status: WebhookDeliveryStatus;

  /** The receiver's HTTP status on the last attempt. */
  @ApiProperty({ type: 'integer', nullable: true, example: 200 })
  responseStatus: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 42 })
  durationMs: number | null;

  /** Why the last attempt failed. */
  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  /** When it will be tried (again); null once it succeeded or is dead. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class WebhookDeliveryPage extends PageOf(
  WebhookDeliveryResponseDto,
  'WebhookDeliveryPage',
) {}
