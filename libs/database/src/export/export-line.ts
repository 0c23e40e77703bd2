import { csvCell, ExportFormat, jsonString } from '@rct/common';
import type { CopyTextField } from '../copy/copy-text-rows';
import { ExportField, ExportFieldKind, ExportFields } from './export-fields';

/**
 * Each kind's value as the text PostgreSQL hands over for Node to write: what needs no work
 * in Node comes ready (an integer's or a boolean's text, a timestamp as toISOString writes
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

/** A digit: how an ISO timestamp of the years 1 to 9999 begins. */
const DIGIT = /^[0-9]/;

/**
 * Each kind's text (never null here) as the CSV cell csvCell writes for the list item's value,
 * with its work skipped where the kind cannot need it.
 */
const AS_CSV: Record<ExportFieldKind, (text: string) => string> = {
  text: csvCell,
  // A uuid, an enum label, a hex digest: nothing to quote or defuse.
  token: (text) => text,
  // A negative number reads as a formula.
  number: (text) => (text.startsWith('-') ? `'${text}` : text),
  boolean: (text) => text,
  timestamp: (text) => (DIGIT.test(text) ? text : csvCell(text)),
  textArray: (text) => csvCell(JSON.parse(text)),
  object: (text) => csvCell(JSON.parse(text)),
};

/** The field's expression, parenthesized: TypeORM then still recognizes the property names in it. */
function value(field: ExportField): string {
  return `(${field.sql})`;
}

/**
 * The select list of an export: each field's value as text (AS_TEXT), in the fields' order.
 * The statement is read through COPY's text format, whose rows exportLineWriter writes.
 */
export function exportValuesSql<T>(fields: ExportFields<T>): string[] {
  return Object.values<ExportField>(fields).map((field) => AS_TEXT[field.kind](value(field)));
}

/** Writes one COPY row of exportValuesSql as its export line. */
export type ExportLineWriter = (row: CopyTextField[]) => string;

/**
 * How a row of exportValuesSql is written: as an NDJSON line that JSON.parse reads as the list
 * item, or as the CSV record csvRecord writes for it (CRLF ended; a null cell is empty). Written in Node, not in
 * SQL: PostgreSQL escaping each text with to_json cost more per row than the whole COPY.
 */
export function exportLineWriter<T>(
  fields: ExportFields<T>,
  format: ExportFormat,
): ExportLineWriter {
  const entries = Object.entries<ExportField>(fields);
  if (format === ExportFormat.Csv) {
    const cells = entries.map(([, field]) => AS_CSV[field.kind]);
    return (row) => {
      let record = '';
      for (let index = 0; index < cells.length; index += 1) {
        const text = row[index];
        if (index > 0) record += ',';
        if (text !== null) record += cells[index](text);
      }
      return `${record}\r\n`;
    };
  }
  const members = entries.map(([name, field], index) => ({
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
