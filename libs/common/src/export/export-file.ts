import { ExportFormat } from './export-format';

/** `<resource>-<yyyymmdd>.<ext>`, the file name every export is downloaded as (UTC date). */
export function exportFileName(resource: string, extension: string, at = new Date()): string {
  return `${resource}-${at.toISOString().slice(0, 10).replace(/-/g, '')}.${extension}`;
}

export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export const NDJSON = 'application/x-ndjson';
export const CSV = 'text/csv; charset=utf-8';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.Csv]: CSV,
  [ExportFormat.Ndjson]: NDJSON,
};

/** One NDJSON record: JSON never holds a raw newline, so each value is exactly one line. */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
