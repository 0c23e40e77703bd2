/** Characters a spreadsheet reads as the start of a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell holding one of these is quoted (RFC 4180 2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One value as CSV text: null is empty, arrays are joined with `;`, objects are JSON, dates are
 * ISO 8601. A cell that a spreadsheet would run as a formula is prefixed with `'`. Exports
 * apply the same rules in SQL (csv_cell, libs/database/src/export); a spec holds both equal.
 */
export function csvCell(value: unknown): string {
  const text = cellText(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(cellText).join(';');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value) ?? '';
}

/** One CSV record, ended by CRLF (RFC 4180 2.1). */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
