import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { parseSort, SortOrder } from './sort';

/**
 * Orders by a whitelisted field (the DTO validated `sort` against the same keys) with the id as
 * a tie-breaker, so pages never repeat or skip rows. Missing values come last either way.
 */
export function applySort<E extends ObjectLiteral, F extends string>(
  builder: SelectQueryBuilder<E>,
  sort: string | undefined,
  columns: Record<F, string>,
  fallback: SortOrder<F>,
): SelectQueryBuilder<E> {
  const order = parseSort<F>(sort ?? '', fallback);
  return builder
    .orderBy(
      columns[order.field],
      order.direction,
      order.direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST',
    )
    .addOrderBy(`${builder.alias}.id`, 'ASC');
}

/** Adds one `column = :value` condition per defined filter value. */
export function applyEqualityFilters<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  filters: Record<string, [column: string, value: unknown]>,
): SelectQueryBuilder<E> {
  for (const [name, [column, value]] of Object.entries(filters)) {
    if (value !== undefined) builder.andWhere(`${column} = :${name}`, { [name]: value });
  }
  return builder;
}

/**
 * Full-text match of `q` against a stored tsvector column (GIN-indexed), using web-search
 * syntax: words are ANDed, "quoted phrases" and -exclusions work.
 */
export function applyTextSearch<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  vectorColumn: string,
  q: string | undefined,
): SelectQueryBuilder<E> {
  if (!q) return builder;
  return builder.andWhere(`${vectorColumn} @@ websearch_to_tsquery('simple', :q)`, { q });
}
