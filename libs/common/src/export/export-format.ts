import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';

/** How an export is written: CSV (RFC 4180) or one JSON list item per line. */
export enum ExportFormat {
  Csv = 'csv',
  Ndjson = 'ndjson',
}

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  [ExportFormat.Csv]: 'csv',
  [ExportFormat.Ndjson]: 'ndjson',
};

/** `format` of every export but the audit trail's (whose default is NDJSON). */
export class ExportFormatQueryDto {
  /** `csv`: a header row of the list item's fields, then one record per item. `ndjson`: one list item per line. */
  @IsOptional()
  @IsEnum(ExportFormat)
  @ApiPropertyOptional({ enum: ExportFormat, enumName: 'ExportFormat', default: ExportFormat.Csv })
  format: ExportFormat = ExportFormat.Csv;
}
