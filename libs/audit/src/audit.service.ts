import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@rct/common';
import { EntityRows } from '@rct/database';
import { DataSource, Repository } from 'typeorm';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';
import { toAuditEventResponse } from './audit.mapper';
import {
  AuditChainVerificationDto,
  AuditEventPageDto,
  AuditEventResponseDto,
} from './dto/audit-event-response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

const VERIFY_BATCH = 1_000;

const LIST_FILTERS: [keyof ListAuditEventsQueryDto, string][] = [
  ['actorId', 'page.actor_id = :actorId'],
  ['entityType', 'page.entity_type = :entityType'],
  ['entityId', 'page.entity_id = :entityId'],
  ['action', 'page.action = :action'],
  ['outcome', 'page.outcome = :outcome'],
  ['requestId', 'page.request_id = :requestId'],
  ['from', 'page.occurred_at >= :from'],
  ['to', 'page.occurred_at < :to'],
  ['cursor', 'page.seq < :cursor'],
];

/** Reads the audit trail and checks its hash chain; nothing here writes. */
@Injectable()
export class AuditService {
  private readonly events: Repository<AuditEventEntity>;
  private readonly rows: EntityRows<AuditEventEntity>;

  constructor(dataSource: DataSource) {
    this.events = dataSource.getRepository(AuditEventEntity);
    this.rows = new EntityRows(dataSource, AuditEventEntity);
  }

  /**
   * Newest first, paged by keyset on `seq` so deep pages cost what the first one does. The
   * page's seqs are picked first, from a filter's (column, seq) index alone, then its rows
   * fetched: asked in one go, PostgreSQL walks the primary key backwards and filters, which
   * after a burst of other events (15k task edits, say) reads all of them to find 50.
   */
  async list(query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    const page = this.events
      .createQueryBuilder('page')
      .select('page.seq')
      .orderBy('page.seq', 'DESC')
      .limit(query.limit);
    for (const [field, condition] of LIST_FILTERS) {
      if (query[field] !== undefined) page.andWhere(condition, { [field]: query[field] });
    }
    const events = await this.rows.many(
      this.events
        .createQueryBuilder('event')
        .where(`event.seq IN (${page.getQuery()})`, page.getParameters())
        .orderBy('event.seq', 'DESC'),
    );
    return {
      items: events.map(toAuditEventResponse),
      nextCursor: events.length === query.limit ? events[events.length - 1].seq : null,
      limit: query.limit,
    };
  }

  async get(id: string): Promise<AuditEventResponseDto> {
    const event = await this.events.findOneBy({ id });
    if (!event) throw new NotFoundError(`No audit event with id ${id}.`);
    return toAuditEventResponse(event);
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
