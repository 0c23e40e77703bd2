import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';

/** An endpoint as admins see it; its secret is shown only by create and rotate-secret. */
@ApiSchema({ name: 'Webhook' })
export class WebhookResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uri', example: 'https://hooks.example.com/rct' })
  url: string;

  @ApiProperty({ type: [String], example: ['risk.*', 'audit.checkpoint'] })
  events: string[];

  @ApiProperty({ example: 'Mirror risks into the ticket system' })
  description: string;

  /** False once switched off by an admin or after 10 dead deliveries in a row. */
  active: boolean;

  /** Dead deliveries since the last success. */
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  consecutiveDeadDeliveries: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  version: number;
}

export class WebhookPage extends PageOf(WebhookResponseDto, 'WebhookPage') {}

/** The endpoint and its signing secret: shown once, store it now. */
@ApiSchema({ name: 'WebhookWithSecret' })
export class WebhookWithSecretDto {
  webhook: WebhookResponseDto;

  /** `whsec_` + base64 of 32 random bytes; verify signatures with its decoded bytes. */
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4g2l6Ke9bYk=' })
  secret: string;
}
