import { LruMap } from '@rct/common';

/**
 * Pages of one table's lists, each kept with the table's change stamp (migration ChangeStamps)
 * as it was read before the page was. A page is served again only while the stamp is still
 * that one: no transaction has written the table since, on this instance or any other, so the
 * page is what the database would answer now. The least recently used page goes first.
 */
export class ListCache<T> {
  private readonly pages: LruMap<string, { stamp: string; page: T }>;

  constructor(capacity: number) {
    this.pages = new LruMap(capacity);
  }

  get enabled(): boolean {
    return this.pages.capacity > 0;
  }

  /** The page stored for `key` under `stamp`, if the stamp is still the current one. */
  get(key: string, stamp: string): T | undefined {
    const entry = this.pages.get(key);
    return entry?.stamp === stamp ? entry.page : undefined;
  }

  set(key: string, stamp: string, page: T): void {
    this.pages.set(key, { stamp, page });
  }
}
