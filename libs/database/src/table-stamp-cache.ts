import { EntityManager } from 'typeorm';
import { PreparedStatement } from './prepared-statement';
import { queryPrepared } from './prepared-query';
import { StampedCache, StampedCacheOptions } from './stamped-cache';

/** The change stamps (migration ChangeStamps) of several tables, as one string. */
const CHANGE_STAMPS = new PreparedStatement(`
  SELECT string_agg("table_name" || '=' || "stamp", ',' ORDER BY "table_name") AS "stamp",
    count(*)::int AS "tables"
  FROM "change_stamps" WHERE "table_name" = ANY($1)`);

/**
 * Values computed from several tables (reports), kept while none of those tables' change
 * stamps has moved: no transaction on this instance or any other has written any of them
 * since the value was read. `maxAgeMs` bounds how long a value that also reads the clock
 * (overdue, due within N days) is served.
 */
export class TableStampCache<T> {
  private readonly values: StampedCache<T>;

  constructor(
    private readonly tableNames: readonly string[],
    options: StampedCacheOptions,
  ) {
    this.values = new StampedCache(options);
  }

  /**
   * The value kept under `key` if none of the tables has changed, else a fresh one, kept under
   * the stamps read before it (a write committed in between makes the value newer than its
   * stamps, never older). Call it outside a transaction: its own writes move no stamp.
   */
  async read(manager: EntityManager, key: string, readValue: () => Promise<T>): Promise<T> {
    if (!this.values.enabled) return readValue();
    const [row] = await queryPrepared<{ stamp: string | null; tables: number }>(
      manager,
      CHANGE_STAMPS,
      [this.tableNames],
    );
    if (row.tables !== this.tableNames.length || row.stamp === null) return readValue();
    return this.values.load(key, row.stamp, readValue);
  }
}
