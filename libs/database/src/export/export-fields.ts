/**
 * How a list item's field is read from a row, for an export: the SQL expression of its value
 * (properties named as in the repository's queries, `risk.ownerId`) and its kind, which
 * decides how it is written as a CSV cell (in SQL) and as JSON (in Node, from the text
 * PostgreSQL hands over): export-line.ts.
 */
export interface ExportField<K extends ExportFieldKind = ExportFieldKind> {
  readonly kind: K;
  readonly sql: string;
}

/**
 * - `text`: free text, escaped and quoted as needed;
 * - `token`: a string PostgreSQL writes with nothing to escape, quote or defuse (a uuid, an
 *   enum label, a hex digest, a bigint sent as a string): written as it is;
 * - `number`: an integer;
 * - `boolean`;
 * - `timestamp`: a timestamptz, written as Date.prototype.toISOString writes it;
 * - `textArray`: a text[];
 * - `object`: a json or jsonb object, or SQL null (a top-level JSON scalar or array would
 *   not be written as csvCell writes it).
 */
export type ExportFieldKind =
  'text' | 'token' | 'number' | 'boolean' | 'timestamp' | 'textArray' | 'object';

/** The kinds a field of type V may be rendered as. */
type KindFor<V> = [V] extends [string]
  ? 'text' | 'token' | 'timestamp'
  : [V] extends [number]
    ? 'number'
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [readonly string[]]
        ? 'textArray'
        : 'object';

/**
 * Every field of the list item `T`, in the order its mapper writes them (the CSV header's
 * order), each with a kind that fits the field's type: the compiler rejects a DTO field left
 * out, one too many, or a number rendered as text.
 */
export type ExportFields<T> = {
  readonly [K in keyof T & string]-?: ExportField<KindFor<NonNullable<T[K]>>>;
};

/** Checks `fields` against `T` (see ExportFields) and keeps their order. */
export function exportFields<T>(fields: ExportFields<T>): ExportFields<T> {
  return fields;
}

/** The names of `fields`, in order: the CSV header. */
export function exportColumns<T>(fields: ExportFields<T>): (keyof T & string)[] {
  return Object.keys(fields) as (keyof T & string)[];
}

/** One field of each kind, from the SQL expression of its value. */
export const field = {
  text: (sql: string): ExportField<'text'> => ({ kind: 'text', sql }),
  token: (sql: string): ExportField<'token'> => ({ kind: 'token', sql }),
  integer: (sql: string): ExportField<'number'> => ({ kind: 'number', sql }),
  boolean: (sql: string): ExportField<'boolean'> => ({ kind: 'boolean', sql }),
  timestamp: (sql: string): ExportField<'timestamp'> => ({ kind: 'timestamp', sql }),
  textArray: (sql: string): ExportField<'textArray'> => ({ kind: 'textArray', sql }),
  jsonObject: (sql: string): ExportField<'object'> => ({ kind: 'object', sql }),
};
