import { parseSort, SortOrder } from './sort';

/** SQL that reads the clock: rows it selects change as time passes, without any write. */
const CLOCK_SQL =
  /\b(now|clock_timestamp|statement_timestamp|transaction_timestamp)\s*\(|\b(current_date|current_time|current_timestamp|localtime|localtimestamp)\b/i;

/**
 * A list's WHERE clause in plain SQL, its values bound as numbered `$n` parameters. Lists build
 * one instead of a TypeORM query builder, whose SQL generation cost more CPU per page than the
 * database spent filtering it. Columns are written `alias.column`, as the list's FROM names them.
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder of a bound value, for use in a condition. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition; conditions are ANDed, so one with OR needs its own parentheses. */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** One `column = value` per filter that was sent (undefined means "not sent"). */
  equal(filters: Record<string, unknown>): this {
    for (const [column, value] of Object.entries(filters)) {
      if (value !== undefined) this.and(`${column} = ${this.param(value)}`);
    }
    return this;
  }

  /**
   * Full-text match of `q` against a stored tsvector column (GIN-indexed), using web-search
   * syntax: words are ANDed, "quoted phrases" and -exclusions work.
   */
  search(vectorColumn: string, q: string | undefined): this {
    if (q) this.and(`${vectorColumn} @@ websearch_to_tsquery('simple', ${this.param(q)})`);
    return this;
  }

  /** Whether a condition reads the clock (`now()`), so the same filter selects other rows later. */
  get readsClock(): boolean {
    return this.conditions.some((condition) => CLOCK_SQL.test(condition));
  }

  /** ` WHERE a AND b`, or nothing without conditions. */
  toSql(): string {
    return this.conditions.length === 0 ? '' : ` WHERE ${this.conditions.join(' AND ')}`;
  }
}

/**
 * Orders by a whitelisted field (the DTO validated `sort` against the same keys) with the id as
 * a tie-breaker, so pages never repeat or skip rows. Missing values come last either way.
 */
export function orderBySql<F extends string>(
  sort: string | undefined,
  columns: Record<F, string>,
  fallback: SortOrder<F>,
  idColumn: string,
): string {
  const order = parseSort<F>(sort ?? '', fallback);
  const nulls = order.direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST';
  return ` ORDER BY ${columns[order.field]} ${order.direction} ${nulls}, ${idColumn} ASC`;
}

/**
 * ` LIMIT n OFFSET m` for validated page bounds, checked again because they are written into
 * the SQL text (the statement's parameters are the filters').
 */
export function pageSql(limit: number, offset = 0): string {
  for (const bound of [limit, offset]) {
    if (!Number.isSafeInteger(bound) || bound < 0)
      throw new TypeError(`not a page bound: ${bound}`);
  }
  return ` LIMIT ${limit} OFFSET ${offset}`;
}
