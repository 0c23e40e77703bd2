import { ExportFormat, jsonString } from '@rct/common';
import type { CopyTextField } from '../copy/copy-text-rows';
import { ExportField, ExportFieldKind, ExportFields } from './export-fields';

/**
 * Each kind's value as the text PostgreSQL hands over for Node to write as JSON: what needs no
 * work in Node comes ready (an integer's or a boolean's text, a timestamp as toISOString writes
 * it, a text[] as a JSON array, jsonb's own text); free text comes as it is stored.
 */
const AS_TEXT: Record<ExportFieldKind, (value: string) => string> = {
  text: (value) => `${value}::text`,
  token: (value) => `${value}::text`,
  number: (value) => `${value}::text`,
  boolean: (value) => `${value}::text`,
  timestamp: (value) => `iso_millis(${value})`,
  textArray: (value) => `to_json(${value})::text`,
  object: (value) => `${value}::text`,
};

/** Each kind's text (never null here) as a JSON value, exactly as JSON.stringify writes it. */
const AS_JSON: Record<ExportFieldKind, (text: string) => string> = {
  text: jsonString,
  // A uuid, an enum label, a hex digest, an ISO timestamp: nothing to escape.
  token: (text) => `"${text}"`,
  timestamp: (text) => `"${text}"`,
  number: (text) => text,
  boolean: (text) => text,
  textArray: (text) => text,
  // Parses to the same object; PostgreSQL's blanks after ':' and ',' are left in.
  object: (text) => text,
};

/**
 * Each kind as the pieces of a CSV cell in SQL, exactly as csvCell writes the list item's value
 * (the migration ExportRendering holds csv_cell, iso_millis and json_compact); a null piece is
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
 * `concat` of the pieces (null ones read as empty): one pass over the record, where a chain of
 * `||` would copy the record so far once per piece.
 */
function concat(pieces: string[]): string {
  if (pieces.length <= MAX_ARGUMENTS) return `concat(${pieces.join(', ')})`;
  const groups: string[] = [];
  for (let at = 0; at < pieces.length; at += MAX_ARGUMENTS) {
    groups.push(concat(pieces.slice(at, at + MAX_ARGUMENTS)));
  }
  return concat(groups);
}

/** The field's expression, parenthesized: TypeORM then still recognizes the property names in it. */
function value(field: ExportField): string {
  return `(${field.sql})`;
}

/**
 * The select list of an export, read through COPY's text format and written by
 * exportLineWriter. NDJSON: each field's value as text (AS_TEXT), in the fields' order. CSV: the
 * whole record but its CRLF, one column, rendered in SQL: a CSV cell costs PostgreSQL little
 * (csv_cell is a pattern test), and it renders records in the workers of a parallel plan (an
 * export sorted by anything but an index), where Node would write them one by one.
 */
export function exportValuesSql<T>(fields: ExportFields<T>, format: ExportFormat): string[] {
  const entries = Object.values<ExportField>(fields);
  if (format === ExportFormat.Csv) {
    const cells = entries.map((field) => AS_CSV[field.kind](value(field)));
    return [concat(cells.flatMap((cell, index) => (index === 0 ? cell : [`','`, ...cell])))];
  }
  return entries.map((field) => AS_TEXT[field.kind](value(field)));
}

/** Writes one COPY row of exportValuesSql as its export line. */
export type ExportLineWriter = (row: CopyTextField[]) => string;

/** A CSV row of exportValuesSql: the record, ended as RFC 4180 ends it. */
const csvLine: ExportLineWriter = (row) => `${row[0]}\r\n`;

/**
 * How a row of exportValuesSql is written: as an NDJSON line that JSON.parse reads as the list
 * item, written here from the values (PostgreSQL escaping each text with to_json cost more per
 * row than the whole COPY), or as the CSV record PostgreSQL rendered, CRLF ended.
 */
export function exportLineWriter<T>(
  fields: ExportFields<T>,
  format: ExportFormat,
): ExportLineWriter {
  if (format === ExportFormat.Csv) return csvLine;
  const members = Object.entries<ExportField>(fields).map(([name, field], index) => ({
    opening: `${index === 0 ? '{' : ','}${JSON.stringify(name)}:`,
    write: AS_JSON[field.kind],
  }));
  return (row) => {
    let line = '';
    for (let index = 0; index < members.length; index += 1) {
      const text = row[index];
      const { opening, write } = members[index];
      line += `${opening}${text === null ? 'null' : write(text)}`;
    }
    return `${line}}\n`;
  };
}
