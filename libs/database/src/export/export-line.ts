import { ExportFormat } from '@rct/common';
import { ExportField, ExportFieldKind, ExportFields } from './export-fields';

/**
 * Each kind as a JSON value, exactly as JSON.stringify writes the list item's (strings escaped
 * by to_json; SQL null as null).
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
 * Each kind as the pieces of a CSV cell, exactly as csvCell writes the list item's value (the
 * migration ExportRendering holds csv_cell, iso_millis and json_compact); a null piece is
 * empty. Numbers, booleans and timestamps never hold a character that needs quoting; a
 * negative number reads as a formula.
 */
const AS_CSV: Record<ExportFieldKind, (value: string) => string[]> = {
  text: (value) => [`csv_cell(${value}::text)`],
  token: (value) => [`${value}::text`],
  number: (value) => [`CASE WHEN ${value} < 0 THEN '''' END`, `${value}::text`],
  boolean: (value) => [`${value}::text`],
  timestamp: (value) => [`iso_millis(${value})`],
  textArray: (value) => [`csv_cell(array_to_string(${value}, ';', ''))`],
  object: (value) => [`csv_cell(json_compact(${value}::text))`],
};

/** PostgreSQL's limit on a function's arguments. */
const MAX_ARGUMENTS = 100;

/**
 * `concat` of the pieces (null ones read as empty): one pass over the line, where a chain of
 * `||` would copy the line so far once per piece.
 */
function concat(pieces: string[]): string {
  if (pieces.length <= MAX_ARGUMENTS) return `concat(${pieces.join(', ')})`;
  const groups: string[] = [];
  for (let at = 0; at < pieces.length; at += MAX_ARGUMENTS) {
    groups.push(concat(pieces.slice(at, at + MAX_ARGUMENTS)));
  }
  return concat(groups);
}

/** A SQL string literal of `text`. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The field's expression, parenthesized: TypeORM then still recognizes the property names in it. */
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
    const pieces = cells.flatMap((cell, index) => (index === 0 ? cell : [`','`, ...cell]));
    return concat([...pieces, `E'\\r\\n'`]);
  }
  const pieces = entries.flatMap(([name, field], index) => [
    literal(`${index === 0 ? '{' : ','}${JSON.stringify(name)}:`),
    AS_JSON[field.kind](value(field)),
  ]);
  return concat([...pieces, `E'}\\n'`]);
}
