import { escapeLiteral } from 'pg';

/**
 * What `$n` may be mistaken for: quoted strings (standard, escape `E'...'`, dollar-quoted),
 * quoted identifiers and comments are matched whole and kept as they are, so a `$1` inside
 * them is left alone; only a bare `$n` (not the tail of an identifier such as `a$1`) is a
 * placeholder.
 */
const TOKENS =
  /[eE]'(?:[^'\\]|\\[\s\S]|'')*'|'(?:[^']|'')*'|"(?:[^"]|"")*"|(\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$)[\s\S]*?\1|--[^\n]*|\/\*[\s\S]*?\*\/|(?<![\w$])\$(\d+)/g;

/**
 * `sql` with each placeholder `$n` replaced by the n-th parameter written as a SQL literal, for
 * a statement that takes no parameters (COPY). Every value is written as pg would send it
 * and typed the same way: a quoted literal of unknown type, which PostgreSQL types from its
 * context as it does an untyped parameter, except a Date, written in UTC and cast to
 * timestamptz (every timestamp column is one). Strings go through pg's escapeLiteral, so no
 * value can end its literal early.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  return sql.replace(TOKENS, (token, _dollarTag, index: string | undefined) => {
    if (index === undefined) return token;
    const at = Number(index) - 1;
    if (at < 0 || at >= parameters.length) {
      throw new RangeError(`no parameter $${index}: ${parameters.length} given`);
    }
    return sqlLiteral(parameters[at]);
  });
}

/** One value as a SQL literal (see inlineParameters). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('cannot inline an invalid Date');
    return `${text(value.toISOString())}::timestamptz`;
  }
  if (Array.isArray(value)) return text(arrayText(value));
  return text(scalarText(value));
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot inline ${value}`);
      return String(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      throw new TypeError(`cannot inline a parameter of type ${typeof value}`);
  }
}

/** An array as PostgreSQL's array text, as pg sends one: `{"a","b\"c",NULL}`. */
function arrayText(values: readonly unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayText(item);
    return `"${scalarText(item).replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${items.join(',')}}`;
}

/** A quoted literal; NUL is refused, as PostgreSQL refuses it in text and would cut a query there. */
function text(value: string): string {
  if (value.includes('\0')) throw new TypeError('cannot inline text holding a NUL character');
  return escapeLiteral(value);
}
