import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQueryDto, IsDateTime } from '@rct/common';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class ListAuditEventsQueryDto extends LimitQueryDto {
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  actorId?: string;

  @IsOptional()
  @IsEnum(AuditEntityType)
  @ApiPropertyOptional({ enum: AuditEntityType, enumName: 'AuditEntityType' })
  entityType?: AuditEntityType;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsEnum(AuditAction)
  @ApiPropertyOptional({ enum: AuditAction, enumName: 'AuditAction' })
  action?: AuditAction;

  @IsOptional()
  @IsEnum(AuditOutcome)
  @ApiPropertyOptional({ enum: AuditOutcome, enumName: 'AuditOutcome' })
  outcome?: AuditOutcome;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  requestId?: string;

  /** Events at or after this instant. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  from?: Date;

  /** Events before this instant. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  to?: Date;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a nextCursor value from a previous page' })
  @ApiPropertyOptional({ pattern: '^\\d{1,19}$', example: '1042' })
  cursor?: string;
}
