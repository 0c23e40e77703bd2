import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { assertVersion, orderBySql, Page, pageSql, SortOrder, SqlWhere, toPage } from '@rct/common';
import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { EntityRows } from './entity-rows';
import { EntityWrites } from './entity-writes';
import { ListCache } from './list-cache';
import { PreparedShapes, PreparedStatement } from './prepared-statement';
import { poolReader, queryInTransaction, requestReader, SqlReader } from './sql-reader';

/** INSERT and UPDATE shapes prepared per entity: see PreparedShapes. */
const WRITE_SHAPES = 32;

/** A table's change stamp (migration ChangeStamps), read before a cached page is served. */
const CHANGE_STAMP = new PreparedStatement(
  'SELECT "stamp"::text AS "stamp" FROM "change_stamps" WHERE "table_name" = $1',
);

/**
 * How a resource's list reads: the alias its columns are written with (`risk.status`; its
 * tsvector column is `<alias>.search`), its sortable columns and default order.
 */
export interface Listing<F extends string> {
  alias: string;
  sortColumns: Record<F, string>;
  defaultSort: SortOrder<F>;
  /**
   * Pages are cached while the table's change stamp stands still. Only for items that are a
   * function of their row alone (nothing judged against the clock), on a stamped table.
   */
  cached?: boolean;
}

export interface EntityStoreOptions {
  /** Pages each cached list keeps (ListCache); 0 caches none. */
  listCacheEntries: number;
}

/** The list parameters every resource shares (its own filters are the caller's). */
export interface ListParameters {
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}

interface ByIdStatements {
  read: PreparedStatement;
  lock: PreparedStatement;
  exists: PreparedStatement;
}

/** What every mutable resource has: a uuid and an optimistic-concurrency version. */
export interface VersionedEntity extends ObjectLiteral {
  id: string;
  version: number;
}

/**
 * The read-lock-change steps every domain service repeats, over the request's transaction.
 * Reads and writes are plain SQL built from the entity's metadata (EntityRows, EntityWrites);
 * writes return the stored row, so database-computed columns (scores, severity) come back in
 * the same statement.
 */
export class EntityStore<E extends VersionedEntity> {
  #rows?: EntityRows<E>;
  #writes?: EntityWrites<E>;
  #byId?: ByIdStatements;
  private readonly writeShapes = new PreparedShapes(WRITE_SHAPES);
  private readonly reads: SqlReader;
  private readonly pages: ListCache<Page<unknown>>;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly target: EntityTarget<E>,
    private readonly notFound: (id: string) => Error,
    options: EntityStoreOptions,
  ) {
    this.reads = requestReader(txHost);
    this.pages = new ListCache(options.listCacheEntries);
  }

  get repository(): Repository<E> {
    return this.txHost.tx.getRepository(this.target);
  }

  private get manager(): EntityManager {
    return this.txHost.tx;
  }

  private get rows(): EntityRows<E> {
    this.#rows ??= new EntityRows(this.manager.connection, this.target);
    return this.#rows;
  }

  private get writes(): EntityWrites<E> {
    this.#writes ??= new EntityWrites(this.manager.connection, this.target, this.rows.selectList);
    return this.#writes;
  }

  /** The primary-key statements, built once from the entity's columns. */
  private get byId(): ByIdStatements {
    if (!this.#byId) {
      const { table, selectList } = this.rows;
      const read = `SELECT ${selectList} FROM ${table} WHERE "id" = $1`;
      this.#byId = {
        read: new PreparedStatement(read),
        lock: new PreparedStatement(`${read} FOR UPDATE`),
        exists: new PreparedStatement(`SELECT 1 FROM ${table} WHERE "id" = $1`),
      };
    }
    return this.#byId;
  }

  async find(id: string): Promise<E> {
    return this.readById(id, this.byId.read);
  }

  /**
   * The committed row, read on the pool outside the request's transaction: for a check made
   * before a long wait (an upload's body), which must not keep a pooled connection idle in an
   * open transaction for as long as the client takes. Call it before the transaction's first
   * statement: with one pooled connection (the embedded database), a read on the pool would
   * wait for the connection the transaction holds.
   */
  async findCommitted(id: string): Promise<E> {
    return this.readById(id, this.byId.read, poolReader(this.manager.connection));
  }

  async exists(id: string): Promise<boolean> {
    const rows = await this.reads.query<unknown[]>(this.byId.exists, [id]);
    return rows.length > 0;
  }

  /**
   * Locks the row for the rest of the transaction and checks the client's If-Match version, so
   * of two concurrent writers with the same version exactly one succeeds.
   */
  async lock(id: string, expectedVersion?: number): Promise<E> {
    const entity = await this.readById(id, this.byId.lock);
    assertVersion(expectedVersion, entity.version);
    return entity;
  }

  async insert(values: Partial<E>): Promise<E> {
    const { sql, params } = this.writes.insert(values);
    const [row] = await this.write(sql, params);
    return this.rows.hydrate(row);
  }

  /**
   * Applies the fields that are present (undefined means "not sent") and differ from the
   * stored row; the version is bumped and updated_at stamped. Nothing changed, nothing written:
   * the version (and so every client's ETag) stays.
   */
  async update(entity: E, changes: Partial<E>): Promise<E> {
    const present = Object.fromEntries(
      Object.entries(changes).filter(
        ([field, value]) => value !== undefined && !isSameValue(entity[field], value),
      ),
    );
    if (Object.keys(present).length === 0) return entity;
    const { sql, params } = this.writes.update(entity.id, present as Partial<E>);
    const [row] = await this.write(sql, params);
    return this.rows.hydrate(row);
  }

  async remove(entity: E): Promise<void> {
    await this.repository.delete({ id: entity.id } as FindOptionsWhere<E>);
  }

  /**
   * The tail every list shares once the caller's own filters are in `where`: full-text `q`,
   * the whitelisted sort, one page and its total (no count when a short page already tells
   * it), mapped to responses. Plain SQL, like the primary-key reads. A cached listing answers
   * from ListCache while the table is unchanged, except for filters that read the clock (an
   * overdue task becomes one without a write) and inside a transaction, whose own uncommitted
   * writes no stamp shows.
   */
  async list<F extends string, R>(
    where: SqlWhere,
    query: ListParameters,
    listing: Listing<F>,
    toResponse: (entity: E) => R,
  ): Promise<Page<R>> {
    where.search(`${listing.alias}.search`, query.q);
    const order = orderBySql(
      query.sort,
      listing.sortColumns,
      listing.defaultSort,
      `${listing.alias}.id`,
    );
    const tail = `${where.toSql()}${order}${pageSql(query.limit, query.offset)}`;
    const readPage = async (): Promise<Page<R>> => {
      const entities = await this.rows.select(this.reads, listing.alias, tail, where.params);
      const shortPage =
        entities.length < query.limit && (entities.length > 0 || query.offset === 0);
      const total = shortPage
        ? query.offset + entities.length
        : await this.count(listing.alias, where);
      return toPage(entities.map(toResponse), total, query);
    };
    const cacheable = listing.cached && this.pages.enabled && !where.readsClock;
    if (!cacheable || this.txHost.isTransactionActive()) {
      return readPage();
    }
    return this.cachedPage(`${tail}\n${JSON.stringify(where.params)}`, readPage);
  }

  /**
   * The page cached under `key` if the table's stamp has not moved since it was read; else a
   * fresh one, kept under the stamp read before it (a write committed in between makes the
   * page newer than its stamp, never older, and only costs the next reader a miss).
   */
  private async cachedPage<R>(key: string, readPage: () => Promise<Page<R>>): Promise<Page<R>> {
    const [row] = await this.reads.query<{ stamp: string }[]>(CHANGE_STAMP, [this.rows.tableName]);
    if (!row) return readPage();
    const cached = this.pages.get(key, row.stamp) as Page<R> | undefined;
    if (cached) return cached;
    const page = await readPage();
    this.pages.set(key, row.stamp, freezePage(page));
    return page;
  }

  private async count(alias: string, where: SqlWhere): Promise<number> {
    const [row] = await this.reads.query<{ total: string }[]>(
      `SELECT COUNT(1) AS "total" FROM ${this.rows.table} "${alias}"${where.toSql()}`,
      where.params,
    );
    return Number(row.total);
  }

  /** An INSERT or UPDATE ... RETURNING in the request's transaction: the rows it returns. */
  private write(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return queryInTransaction(this.manager, this.writeShapes.statementFor(sql), params);
  }

  private async readById(
    id: string,
    statement: PreparedStatement,
    reads: SqlReader = this.reads,
  ): Promise<E> {
    const [row] = await reads.query<Record<string, unknown>[]>(statement, [id]);
    if (!row) throw this.notFound(id);
    return this.rows.hydrate(row);
  }
}

/** Served to every later reader: frozen, so none can change another's response. */
function freezePage<R>(page: Page<R>): Page<R> {
  page.items.forEach((item) => Object.freeze(item));
  Object.freeze(page.items);
  return Object.freeze(page);
}

/** Whether a sent value equals the stored one (dates may arrive as ISO strings). */
function isSameValue(stored: unknown, sent: unknown): boolean {
  if (stored instanceof Date) {
    return (
      (sent instanceof Date || typeof sent === 'string') &&
      new Date(sent).getTime() === stored.getTime()
    );
  }
  if (typeof stored === 'object' && stored !== null) {
    return JSON.stringify(stored) === JSON.stringify(sent);
  }
  return stored === sent;
}
