import { EntityManager } from 'typeorm';
import { ListCache } from './list-cache';
import { PreparedStatement } from './prepared-statement';
import { queryPrepared } from './prepared-query';

/** A table's change stamp (migration ChangeStamps), bumped inside the COMMIT of every write. */
const CHANGE_STAMP = new PreparedStatement(
  'SELECT "stamp"::text AS "stamp" FROM "change_stamps" WHERE "table_name" = $1',
);

/**
 * One table's list pages, served again while the table's change stamp stands still: no
 * transaction on this instance or any other has written the table since the page was read.
 */
export class ListPageCache<T> {
  private readonly pages: ListCache<T>;

  constructor(
    private readonly tableName: string,
    capacity: number,
  ) {
    this.pages = new ListCache(capacity);
  }

  get enabled(): boolean {
    return this.pages.enabled;
  }

  /**
   * The page kept under `key` if the stamp has not moved; else a fresh one, kept under the
   * stamp read before it (a write committed in between makes the page newer than its stamp,
   * never older, and only costs the next reader a miss). Call it outside a transaction: a
   * transaction's own uncommitted writes move no stamp.
   */
  async read(manager: EntityManager, key: string, readPage: () => Promise<T>): Promise<T> {
    const [row] = await queryPrepared<{ stamp: string }>(manager, CHANGE_STAMP, [this.tableName]);
    if (!row) return readPage();
    const cached = this.pages.get(key, row.stamp);
    if (cached !== undefined) return cached;
    const page = await readPage();
    this.pages.set(key, row.stamp, page);
    return page;
  }
}
