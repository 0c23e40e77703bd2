/**
 * Pages of one table's lists, each kept with the table's change stamp (migration ChangeStamps)
 * as it was read before the page was. A page is served again only while the stamp is still
 * that one: no transaction has written the table since, on this instance or any other, so the
 * page is what the database would answer now. The least recently used page goes first.
 */
export class ListCache<T> {
  private readonly pages = new Map<string, { stamp: string; page: T }>();

  constructor(private readonly capacity: number) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** The page stored for `key` under `stamp`, if the stamp is still the current one. */
  get(key: string, stamp: string): T | undefined {
    const entry = this.pages.get(key);
    if (entry?.stamp !== stamp) return undefined;
    // Re-inserted to become the most recently used: a Map iterates in insertion order.
    this.pages.delete(key);
    this.pages.set(key, entry);
    return entry.page;
  }

  set(key: string, stamp: string, page: T): void {
    if (!this.enabled) return;
    this.pages.delete(key);
    if (this.pages.size >= this.capacity) {
      this.pages.delete(this.pages.keys().next().value as string);
    }
    this.pages.set(key, { stamp, page });
  }
}
