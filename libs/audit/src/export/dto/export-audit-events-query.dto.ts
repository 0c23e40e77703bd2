import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export enum AuditExportFormat {
  Ndjson = 'ndjson',
}

export class ExportAuditEventsQueryDto {
  /** `ndjson`: one audit event per line, as the list renders it, in chain order. */
  @IsOptional()
  @IsIn(Object.values(AuditExportFormat))
  @ApiPropertyOptional({
    enum: AuditExportFormat,
    enumName: 'AuditExportFormat',
    default: AuditExportFormat.Ndjson,
  })
  format: AuditExportFormat = AuditExportFormat.Ndjson;
}
