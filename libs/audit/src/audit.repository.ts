import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  copyTextRowBatches,
  ExportQuery,
  PreparedStatement,
  selectValues,
  queryPrepared,
  Snapshot,
} from '@rct/database';
import { QueryDeepPartialEntity, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditEventQueueEntity } from './entities/audit-event-queue.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { AuditChanges } from './audit-vocabulary';
import { chainCopySql, chainEventOf } from './checkpoints/chain-rows';
import type { ChainEvent } from './checkpoints/chain-verifier';

/** The filters of the audit listing, as sent. */
export interface AuditEventFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  outcome?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
  /** Events older than this seq (a previous page's nextCursor). */
  cursor?: string;
}

type AuditFilterField = keyof AuditEventFilter;

/** Filters with a (column, seq) index, the most selective first: see list(). */
const SEQ_INDEXED: AuditFilterField[] = ['entityId', 'actorId', 'entityType', 'action', 'outcome'];
const OTHERS: [AuditFilterField, string, string][] = [
  ['requestId', 'requestId', '='],
  ['from', 'occurredAt', '>='],
  ['to', 'occurredAt', '<'],
  ['cursor', 'seq', '<'],
];

/** The filters without a (column, seq) index (OTHERS), as the list and the export apply them. */
function whereOthers(
  builder: SelectQueryBuilder<AuditEventEntity>,
  filter: AuditEventFilter,
): SelectQueryBuilder<AuditEventEntity> {
  for (const [field, property, operator] of OTHERS) {
    if (filter[field] === undefined) continue;
    builder.andWhere(`event.${property} ${operator} :${field}`, { [field]: filter[field] });
  }
  return builder;
}

/** One change of an entity, as its past is rebuilt from it. */
export interface EntityChangeRow {
  action: string;
  occurredAt: Date;
  changes: AuditChanges;
}

/** One event of an entity's history page. */
export interface HistoryRow extends EntityChangeRow {
  seq: string;
  actorId: string | null;
  actorEmail: string | null;
}

// The two reads behind `/history` and `?asOf=`, hand-written to be prepared (TypeORM cannot
// name a statement) and read as plain rows: each runs per request, over the (entity_id, seq)
// index, ordered by it (entity_id is fixed, so no sort). seq starts at 1, so cursor '0' is
// the first page.
const ENTITY_EVENTS = `FROM "audit_events" WHERE "entity_type" = $1 AND "entity_id" = $2
  AND "outcome" = 'success'`;
const SELECT_CHANGES = new PreparedStatement(`SELECT "action", "occurred_at" AS "occurredAt",
  "changes" ${ENTITY_EVENTS} ORDER BY "seq"`);
const SELECT_HISTORY = new PreparedStatement(`SELECT "seq", "occurred_at" AS "occurredAt",
  "action", "actor_id" AS "actorId", "actor_email" AS "actorEmail", "changes" ${ENTITY_EVENTS}
  AND "seq" > $3 ORDER BY "seq" LIMIT $4`);

/** The audit trail's tables: events are queued in a write's transaction and only read after. */
@Injectable()
export class AuditRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get events(): Repository<AuditEventEntity> {
    return this.txHost.tx.getRepository(AuditEventEntity);
  }

  /** Queues an event in the current transaction; its COMMIT links it into the chain. */
  async enqueue(event: AuditEventQueueEntity): Promise<void> {
    await this.txHost.tx
      .getRepository(AuditEventQueueEntity)
      .createQueryBuilder()
      .insert()
      .values(event as QueryDeepPartialEntity<AuditEventQueueEntity>)
      .updateEntity(false)
      .execute();
  }

  findById(id: string): Promise<AuditEventEntity | null> {
    return this.events.findOneBy({ id });
  }

  /**
   * Newest first, paged by keyset on `seq` so deep pages cost what the first one does. The
   * first filter with a (column, seq) index is written as a one-value range and put in the
   * order: given an equality, PostgreSQL may walk the primary key backwards and filter, which
   * after a burst of other events reads every one of them; the range keeps the plan on the
   * filter's index whatever the order of the data.
   */
  list(filter: AuditEventFilter, limit: number): Promise<AuditEventEntity[]> {
    const builder = this.events.createQueryBuilder('event');
    const lead = SEQ_INDEXED.find((field) => filter[field] !== undefined);
    for (const field of SEQ_INDEXED) {
      if (filter[field] === undefined) continue;
      if (field === lead) {
        builder.andWhere(`event.${field} BETWEEN :${field} AND :${field}`);
        builder.addOrderBy(`event.${field}`, 'DESC');
      } else {
        builder.andWhere(`event.${field} = :${field}`);
      }
      builder.setParameter(field, filter[field]);
    }
    return whereOthers(builder, filter).addOrderBy('event.seq', 'DESC').limit(limit).getMany();
  }

  /**
   * The events the list's filters select, in chain order (oldest first, as the offline
   * verifier reads them), as the statement an export streams, each as its export `values` (from
   * AUDIT_EVENT_EXPORT_FIELDS).
   */
  exportQuery(filter: Omit<AuditEventFilter, 'cursor'>, values: string[]): ExportQuery {
    const sent: AuditEventFilter = { ...filter, cursor: undefined };
    const builder = this.events.createQueryBuilder('event');
    for (const field of SEQ_INDEXED) {
      if (sent[field] === undefined) continue;
      builder.andWhere(`event.${field} = :${field}`, { [field]: sent[field] });
    }
    const [sql, parameters] = selectValues(whereOthers(builder, sent), values)
      .orderBy('event.seq', 'ASC')
      .getQueryAndParameters();
    return { sql, parameters };
  }

  /** One entity's successful events after `afterSeq`, oldest first (the entity index). */
  historyOf(
    entityType: string,
    entityId: string,
    afterSeq: string | undefined,
    limit: number,
  ): Promise<HistoryRow[]> {
    return queryPrepared<HistoryRow>(this.txHost.tx, SELECT_HISTORY, [
      entityType,
      entityId,
      afterSeq ?? '0',
      limit,
    ]);
  }

  /** Every successful change of one entity, in chain order: what its past is rebuilt from. */
  changesOf(entityType: string, entityId: string): Promise<EntityChangeRow[]> {
    return queryPrepared<EntityChangeRow>(this.txHost.tx, SELECT_CHANGES, [entityType, entityId]);
  }

  /** The chain's newest event, the one a checkpoint signs. */
  findHead(): Promise<AuditEventEntity | null> {
    return this.events.createQueryBuilder('event').orderBy('event.seq', 'DESC').limit(1).getOne();
  }

  /**
   * Every event from `fromSeq` on, in chain order, through COPY in `snapshot`, as the verifier
   * takes it, a chunk's worth at a time. Not a cursor: verification reads the whole trail, and
   * COPY's text rows (occurred_at already in its hashed text, chain-rows.ts) cost far less to
   * take apart than pg's row messages.
   */
  async *chainBatches(snapshot: Snapshot, fromSeq = '0'): AsyncGenerator<ChainEvent[]> {
    const copy = await snapshot.copyOut(chainCopySql(fromSeq));
    for await (const rows of copyTextRowBatches(copy)) yield rows.map(chainEventOf);
  }
}
