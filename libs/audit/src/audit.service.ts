import { Injectable } from '@nestjs/common';
import { NotFoundError, pageSql, SqlWhere } from '@rct/common';
import { poolReader, PreparedShapes, PreparedStatement, SqlReader } from '@rct/database';
import { DataSource, Repository } from 'typeorm';
import { JsonText, selectAuditEventJson } from './audit-event-json';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';
import { AuditChainVerificationDto } from './dto/audit-event-response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

const VERIFY_BATCH = 1_000;
/**
 * Listings are prepared per shape (which filters, which limit) on each connection, up to this
 * many shapes, then sent as plain text. Parsing the 20-column statement on every request cost
 * more than reading the page: on connections that had served writes, glibc also handed that
 * memory back to the kernel and took it again per listing (brk, with a TLB shootdown each).
 */
const LIST_SHAPES = 64;
const SELECT_BY_ID = new PreparedStatement(`${selectAuditEventJson('event')} WHERE event.id = $1`);

type AuditFilter = [field: keyof ListAuditEventsQueryDto, column: string, operator: string];

/** The (column, seq)-indexed filters first, the most selective first: see list(). */
const SEQ_INDEXED_FILTERS: AuditFilter[] = [
  ['entityId', 'event.entity_id', '='],
  ['actorId', 'event.actor_id', '='],
  ['entityType', 'event.entity_type', '='],
  ['action', 'event.action', '='],
  ['outcome', 'event.outcome', '='],
];
const OTHER_FILTERS: AuditFilter[] = [
  ['requestId', 'event.request_id', '='],
  ['from', 'event.occurred_at', '>='],
  ['to', 'event.occurred_at', '<'],
  ['cursor', 'event.seq', '<'],
];

/** Reads the audit trail and checks its hash chain; nothing here writes. */
@Injectable()
export class AuditService {
  private readonly events: Repository<AuditEventEntity>;
  private readonly reads: SqlReader;
  private readonly listShapes = new PreparedShapes(LIST_SHAPES);

  constructor(dataSource: DataSource) {
    this.events = dataSource.getRepository(AuditEventEntity);
    this.reads = poolReader(dataSource);
  }

  /**
   * Newest first, paged by keyset on `seq` so deep pages cost what the first one does. The
   * first filter with a (column, seq) index is written as a one-value range and put in the
   * order: given an equality, PostgreSQL may walk the primary key backwards and filter,
   * which after a burst of other events (15k task edits, say) reads every one of them to find
   * 50; the range keeps the plan on the filter's index whatever the order of the data.
   */
  async list(query: ListAuditEventsQueryDto): Promise<JsonText> {
    const where = new SqlWhere();
    const order: string[] = [];
    const lead = SEQ_INDEXED_FILTERS.find(([field]) => query[field] !== undefined);
    for (const filter of [...SEQ_INDEXED_FILTERS, ...OTHER_FILTERS]) {
      const [field, column, operator] = filter;
      if (query[field] === undefined) continue;
      const value = where.param(query[field]);
      if (filter === lead) {
        where.and(`${column} BETWEEN ${value} AND ${value}`);
        order.push(`${column} DESC`);
      } else {
        where.and(`${column} ${operator} ${value}`);
      }
    }
    order.push('event.seq DESC');
    const events = await this.reads.query<{ json: string; seq: string }[]>(
      this.listShapes.statementFor(
        `${selectAuditEventJson('event')}${where.toSql()} ORDER BY ${order.join(', ')}` +
          pageSql(query.limit),
      ),
      where.params,
    );
    const nextCursor = events.length === query.limit ? events[events.length - 1].seq : null;
    const items = events.map((event) => event.json).join(',');
    return `{"items":[${items}],"nextCursor":${JSON.stringify(nextCursor)},"limit":${query.limit}}`;
  }

  async get(id: string): Promise<JsonText> {
    const [event] = await this.reads.query<{ json: string }[]>(SELECT_BY_ID, [id]);
    if (!event) throw new NotFoundError(`No audit event with id ${id}.`);
    return event.json;
  }

  /**
   * Recomputes every hash in chain order, in batches so memory stays flat however long the
   * trail is, and names the first event whose hash or link does not check out.
   */
  async verify(): Promise<AuditChainVerificationDto> {
    let previousHash = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const batch = await this.events
        .createQueryBuilder('event')
        .where('event.seq > :afterSeq', { afterSeq })
        .orderBy('event.seq', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      for (const event of batch) {
        checked += 1;
        if (event.prevHash !== previousHash || hashAuditEvent(event) !== event.hash) {
          return { valid: false, checked, firstBrokenId: event.id };
        }
        previousHash = event.hash;
      }
      if (batch.length < VERIFY_BATCH) return { valid: true, checked, firstBrokenId: null };
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}
