export interface SortOrder<F extends string> {
  field: F;
  direction: 'ASC' | 'DESC';
}

/** Every accepted value of a `sort` parameter: each field, ascending or with `-` descending. */
export function sortValues<F extends string>(fields: readonly F[]): string[] {
  return fields.flatMap((field) => [field, `-${field}`]);
}

/** Parses a validated `sort` value (`title`, `-createdAt`). */
export function parseSort<F extends string>(sort: string, fallback: SortOrder<F>): SortOrder<F> {
  if (!sort) return fallback;
  return sort.startsWith('-')
    ? { field: sort.slice(1) as F, direction: 'DESC' }
    : { field: sort as F, direction: 'ASC' };
}
