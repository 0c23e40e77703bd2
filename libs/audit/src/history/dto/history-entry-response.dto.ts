import { ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { AuditAction } from '../../audit-vocabulary';
import { FieldChangeDto } from '../../dto/audit-event-response.dto';

@ApiSchema({ name: 'HistoryEntry' })
export class HistoryEntryResponseDto {
  /** Position in the audit chain. */
  @ApiProperty({ example: '1042' })
  seq: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction' })
  action: AuditAction;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId: string | null;

  @ApiProperty({ nullable: true, type: String })
  actorEmail: string | null;

  /** Field-level changes: `{field: {from, to}}`. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(FieldChangeDto) },
    example: { title: { from: 'Old title', to: 'New title' } },
  })
  changes: Record<string, FieldChangeDto>;
}

@ApiSchema({ name: 'HistoryPage' })
export class HistoryPageDto {
  @ApiProperty({ type: HistoryEntryResponseDto, isArray: true })
  items: HistoryEntryResponseDto[];

  /** Pass as `cursor` for the next page; null on the last one. */
  @ApiProperty({ nullable: true, type: String, example: '1042' })
  nextCursor: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 20 })
  limit: number;
}
