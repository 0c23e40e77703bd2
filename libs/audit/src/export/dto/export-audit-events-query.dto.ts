import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ExportFormat } from '@rct/common';
import { IsEnum, IsOptional } from 'class-validator';
import { ListAuditEventsQueryDto } from '../../dto/list-audit-events-query.dto';

/** The list's filters, without paging; with none, the whole trail (what audit:verify checks). */
export class ExportAuditEventsQueryDto extends OmitType(ListAuditEventsQueryDto, [
  'limit',
  'cursor',
] as const) {
  /** `ndjson` (default): one audit event per line, as the list renders it. `csv`: one record per event. */
  @IsOptional()
  @IsEnum(ExportFormat)
  @ApiPropertyOptional({
    enum: ExportFormat,
    enumName: 'ExportFormat',
    default: ExportFormat.Ndjson,
  })
  format: ExportFormat = ExportFormat.Ndjson;
}
