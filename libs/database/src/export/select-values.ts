import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Makes `values` (SQL expressions, from exportValuesSql) the builder's select list, in order. */
export function selectValues<E extends ObjectLiteral>(
  builder: SelectQueryBuilder<E>,
  values: readonly string[],
): SelectQueryBuilder<E> {
  values.forEach((value, index) =>
    index === 0 ? builder.select(value, 'v0') : builder.addSelect(value, `v${index}`),
  );
  return builder;
}
