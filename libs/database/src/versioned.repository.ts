import { parseSort, SortOrder } from '@rct/common';
import type {
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  QueryDeepPartialEntity,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import { EntityRows } from './entity-rows';
import { ListPageCache } from './list-page-cache';
import { PreparedStatement } from './prepared-statement';
import { queryPrepared } from './prepared-query';
import { RepositoryContext } from './repository-context';
import { selectValues } from './export/select-values';
import type { ExportQuery } from './snapshot-export';

/** What every mutable resource has: a uuid and an optimistic-concurrency version. */
export interface VersionedEntity extends ObjectLiteral {
  id: string;
  version: number;
}

/** The order of a list (and of its export), as its service asks for it. */
export interface ListOrder {
  sort?: string;
  /** Full-text search, for listings with a search column. */
  q?: string;
}

/** One page of a list, as its service asks for it. */
export interface PageRequest extends ListOrder {
  limit: number;
  offset: number;
}

export interface EntityPage<E> {
  items: E[];
  total: number;
}

/** How a resource's list reads. */
export interface Listing<F extends string> {
  /** Properties a client may sort by (its DTO validated `sort` against the same names). */
  sortFields: readonly F[];
  defaultSort: SortOrder<F>;
  /** The stored tsvector column `q` matches, if the list has one. */
  searchColumn?: string;
  /** Pages kept while the table is unchanged: for items that are a function of their row. */
  cached?: boolean;
}

/**
 * What every domain repository shares: primary-key reads, the row lock behind If-Match, writes
 * that answer the stored row, and the tail of a list (search, sort, page, total). Each domain's
 * repository extends it with its own named queries; all of it runs in the request's
 * transaction when one is open.
 */
export abstract class VersionedRepository<E extends VersionedEntity> {
  #rows?: EntityRows<E>;
  #byId?: PreparedStatement;
  readonly #pages = new Map<Listing<string>, ListPageCache<EntityPage<E>>>();

  protected constructor(
    protected readonly context: RepositoryContext,
    private readonly target: EntityTarget<E>,
    /** The alias lists and queries name the table by. */
    protected readonly alias: string,
  ) {}

  /** Built from the entity's metadata on first use, once the data source has it. */
  private get rows(): EntityRows<E> {
    this.#rows ??= new EntityRows(this.manager.connection, this.target);
    return this.#rows;
  }

  private get byId(): PreparedStatement {
    this.#byId ??= new PreparedStatement(
      `SELECT ${this.rows.selectList()} FROM "${this.rows.tableName}" WHERE "id" = $1`,
    );
    return this.#byId;
  }

  /** Each listing keeps its own pages, keyed by what its callers sent. */
  private pagesOf(listing: Listing<string>): ListPageCache<EntityPage<E>> {
    let pages = this.#pages.get(listing);
    if (!pages) {
      pages = new ListPageCache(this.rows.tableName, this.context.listCacheEntries);
      this.#pages.set(listing, pages);
    }
    return pages;
  }

  protected get manager(): EntityManager {
    return this.context.txHost.tx;
  }

  protected get repository(): Repository<E> {
    return this.manager.getRepository(this.target);
  }

  /** A query builder over the table, under the repository's alias. */
  protected select(): SelectQueryBuilder<E> {
    return this.repository.createQueryBuilder(this.alias);
  }

  /** Every request reads its resource by id: a prepared statement, planned once per connection. */
  async findById(id: string): Promise<E | null> {
    const [row] = await queryPrepared<Record<string, unknown>>(this.manager, this.byId, [id]);
    return row ? this.rows.hydrate(row) : null;
  }

  /** The row, locked until the transaction ends: of two writers, the second waits and re-reads. */
  findByIdForUpdate(id: string): Promise<E | null> {
    return this.select()
      .setLock('pessimistic_write')
      .where(`${this.alias}.id = :id`, { id })
      .getOne();
  }

  exists(id: string): Promise<boolean> {
    return this.repository.existsBy({ id } as FindOptionsWhere<E>);
  }

  /** Inserts and answers the stored row, with what the database computed (scores, defaults). */
  async insert(values: QueryDeepPartialEntity<E>): Promise<E> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning(this.rows.selectList())
      .updateEntity(false)
      .execute();
    return this.rows.hydrate((result.raw as Record<string, unknown>[])[0]);
  }

  /**
   * Applies the fields that are present (undefined means "not sent") and differ from the stored
   * row; TypeORM bumps the version and stamps updated_at. Nothing changed, nothing written: the
   * version (and so every client's ETag) stays.
   */
  async update(entity: E, changes: Partial<E>): Promise<E> {
    const changed = changedFields(entity, changes);
    if (Object.keys(changed).length === 0) return entity;
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set(changed)
      .where('id = :id', { id: entity.id })
      .returning(this.rows.selectList())
      .updateEntity(false)
      .execute();
    return this.rows.hydrate((result.raw as Record<string, unknown>[])[0]);
  }

  async remove(id: string): Promise<void> {
    await this.repository.delete({ id } as FindOptionsWhere<E>);
  }

  /** `alias.field = :field` for each filter that was sent (undefined means "not sent"). */
  protected whereEqual(
    builder: SelectQueryBuilder<E>,
    filters: { [K in keyof E]?: E[K] },
  ): SelectQueryBuilder<E> {
    for (const [field, value] of Object.entries(filters) as [string, unknown][]) {
      if (value !== undefined) {
        builder.andWhere(`${this.alias}.${field} = :${field}`, { [field]: value });
      }
    }
    return builder;
  }

  /**
   * The tail every list shares once `build` has put its own filters on a query: full-text `q`,
   * the whitelisted sort with the id as tie-breaker (pages never repeat or skip rows), one page
   * and its total (no count when a short page already tells it). A cached listing answers from
   * ListPageCache while the table is unchanged, keyed by `filter` and `request` (everything the
   * query is built from), so a hit builds no query; not for filters that read the clock, nor
   * inside a transaction, whose own uncommitted writes no stamp shows.
   */
  protected async page<F extends string>(
    filter: object,
    build: () => SelectQueryBuilder<E>,
    request: PageRequest,
    listing: Listing<F>,
    options: { readsClock?: boolean } = {},
  ): Promise<EntityPage<E>> {
    const order = this.listOrder(request, listing);
    const read = async (): Promise<EntityPage<E>> => {
      const builder = this.sorted(build(), order, request, listing)
        .limit(request.limit)
        .offset(request.offset);
      const items = await builder.getMany();
      const shortPage = items.length < request.limit && (items.length > 0 || request.offset === 0);
      const total = shortPage ? request.offset + items.length : await builder.getCount();
      return { items, total };
    };
    const pages = this.pagesOf(listing);
    const cacheable = listing.cached && pages.enabled && !options.readsClock;
    if (!cacheable || this.context.txHost.isTransactionActive()) return read();
    const key = JSON.stringify([filter, order, request.limit, request.offset, request.q ?? null]);
    return pages.read(this.manager, key, async () => freezePage(await read()));
  }

  /**
   * Every row a list's filters select (`build`), searched and sorted as the list is, without
   * paging, each as its export `values` (from exportValuesSql): the statement an export
   * streams (SnapshotExporter), so no row becomes an entity on its way.
   */
  protected listValuesQuery<F extends string>(
    build: () => SelectQueryBuilder<E>,
    request: ListOrder,
    listing: Listing<F>,
    values: string[],
  ): ExportQuery {
    const builder = this.sorted(build(), this.listOrder(request, listing), request, listing);
    const [sql, parameters] = selectValues(builder, values).getQueryAndParameters();
    return { sql, parameters };
  }

  private listOrder<F extends string>(request: ListOrder, listing: Listing<F>): SortOrder<F> {
    const order = parseSort<F>(request.sort ?? '', listing.defaultSort);
    if (!listing.sortFields.includes(order.field)) {
      throw new TypeError(`not a sort field: ${order.field}`);
    }
    return order;
  }

  /** Full-text `q` and the sort, with the id as tie-breaker (pages never repeat or skip rows). */
  private sorted<F extends string>(
    builder: SelectQueryBuilder<E>,
    order: SortOrder<F>,
    request: ListOrder,
    listing: Listing<F>,
  ): SelectQueryBuilder<E> {
    if (request.q && listing.searchColumn) {
      builder.andWhere(
        `${this.alias}.${listing.searchColumn} @@ websearch_to_tsquery('simple', :q)`,
        { q: request.q },
      );
    }
    return builder
      .orderBy(
        `${this.alias}.${order.field}`,
        order.direction,
        order.direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST',
      )
      .addOrderBy(`${this.alias}.id`, 'ASC');
  }
}

/** Served to every later reader: frozen, so none can change another's page. */
function freezePage<E>(page: EntityPage<E>): EntityPage<E> {
  page.items.forEach((item) => Object.freeze(item));
  Object.freeze(page.items);
  return Object.freeze(page);
}

/** The sent fields whose value differs from the stored one. */
function changedFields<E extends ObjectLiteral>(
  entity: E,
  changes: Partial<E>,
): QueryDeepPartialEntity<E> {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([field, value]) => value !== undefined && !isSameValue(entity[field], value),
    ),
  ) as QueryDeepPartialEntity<E>;
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
