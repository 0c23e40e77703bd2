import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim } from '@rct/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isWebhookEventType } from '../event-types';

@ValidatorConstraint({ name: 'webhookEventType' })
class WebhookEventTypeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isWebhookEventType(value);
  }

  defaultMessage(): string {
    return 'each value in events must be `*`, `audit.checkpoint`, `<entityType>.*` or `<entityType>.<action>` from the audit vocabulary';
  }
}

@ApiSchema({ name: 'CreateWebhookRequest' })
export class CreateWebhookDto {
  /** Where deliveries are POSTed: https (http only with WEBHOOK_ALLOW_HTTP), a public address. */
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @ApiProperty({ format: 'uri', maxLength: 2048, example: 'https://hooks.example.com/rct' })
  url: string;

  /** Event types to receive: `risk.create`, `risk.*`, `audit.checkpoint` or `*`. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Validate(WebhookEventTypeConstraint, { each: true })
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 100,
    example: ['risk.*', 'evidence.review', 'audit.checkpoint'],
  })
  events: string[];

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  @ApiPropertyOptional({ maxLength: 1000, example: 'Mirror risks into the ticket system' })
  description?: string;
}
