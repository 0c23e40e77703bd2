import { ExportFormat } from '@rct/common';
import { ExportField, ExportFieldKind, ExportFields } from './export-fields';

/**
 * Each kind as a JSON value, exactly as JSON.stringify writes the list item's (strings escaped
 * by to_json; SQL null as null). The field's expression is always parenthesized: TypeORM then
 * still recognizes the property names in it.
 */
const AS_JSON: Record<ExportFieldKind, (value: string) => string> = {
  text: (value) => `coalesce(to_json(${value})::text, 'null')`,
  token: (value) => `coalesce('"' || ${value}::text || '"', 'null')`,
  number: (value) => `coalesce(${value}::text, 'null')`,
  boolean: (value) => `coalesce(${value}::text, 'null')`,
  timestamp: (value) => `coalesce('"' || iso_millis(${value}) || '"', 'null')`,
  textArray: (value) => `coalesce(to_json(${value})::text, 'null')`,
  // Parses to the same object; PostgreSQL's blanks after ':' and ',' are left in.
  object: (value) => `coalesce(${value}::text, 'null')`,
};

/**
 * Each kind as a CSV cell, exactly as csvCell writes the list item's value (the migration
 * ExportRendering holds csv_cell, iso_millis and json_compact). Numbers, booleans and
 * timestamps never hold a character that needs quoting; a negative number is a formula.
 */
const AS_CSV: Record<ExportFieldKind, (value: string) => string> = {
  text: (value) => `csv_cell(${value}::text)`,
  token: (value) => `coalesce(${value}::text, '')`,
  number: (value) => `coalesce(CASE WHEN ${value} < 0 THEN '''' ELSE '' END || ${value}::text, '')`,
  boolean: (value) => `coalesce(${value}::text, '')`,
  timestamp: (value) => `coalesce(iso_millis(${value}), '')`,
  textArray: (value) => `csv_cell(array_to_string(${value}, ';', ''))`,
  object: (value) => `csv_cell(json_compact(${value}::text))`,
};

/** A SQL string literal of `text`. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function value(field: ExportField): string {
  return `(${field.sql})`;
}

/**
 * The SQL expression that renders one row as its whole export line: an NDJSON line that
 * JSON.parse reads as the list item, or a CSV record as csvRecord writes it (CRLF ended). The
 * statement that selects it is all the export runs; Node passes the text on untouched.
 */
export function exportLineSql<T>(fields: ExportFields<T>, format: ExportFormat): string {
  const entries = Object.entries<ExportField>(fields);
  if (format === ExportFormat.Csv) {
    const cells = entries.map(([, field]) => AS_CSV[field.kind](value(field)));
    return `${cells.join(` || ',' || `)} || E'\\r\\n'`;
  }
  const members = entries.map(
    ([name, field], index) =>
      `${literal(`${index === 0 ? '{' : ','}${JSON.stringify(name)}:`)} || ${AS_JSON[field.kind](value(field))}`,
  );
  return `${members.join(' || ')} || E'}\\n'`;
}
