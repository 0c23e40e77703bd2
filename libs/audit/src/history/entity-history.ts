import { Injectable } from '@nestjs/common';
import { orNotFound } from '@rct/common';
import { AuditAction, AuditEntityType } from '../audit-vocabulary';
import { AuditRepository } from '../audit.repository';
import { HistoryEntryResponseDto, HistoryPageDto } from './dto/history-entry-response.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { rebuildState } from './rebuild-state';

/** A domain's records as the audit trail knows them: what its history reads need from it. */
export interface HistoryKind<R extends object> {
  entityType: AuditEntityType;
  /** The domain's 404 for an id. */
  notFound: (id: string) => Error;
  /**
   * Fields a record's response derives from the clock, judged again at `asOf` (the trail holds
   * them as they were when each event was written).
   */
  atInstant?: (record: R, asOf: Date) => R;
}

/**
 * What every domain's `/history` and `?asOf=` answer, from the audit trail: one place for
 * risks, controls, evidence and tasks alike.
 */
@Injectable()
export class EntityHistory {
  constructor(private readonly events: AuditRepository) {}

  /** The entity's events, oldest first; the kind's 404 when the trail has none (an unknown id). */
  async page<R extends object>(
    kind: HistoryKind<R>,
    entityId: string,
    query: HistoryQueryDto,
  ): Promise<HistoryPageDto> {
    const rows = await this.events.historyOf(kind.entityType, entityId, query.cursor, query.limit);
    if (rows.length === 0 && !query.cursor) throw kind.notFound(entityId);
    const items: HistoryEntryResponseDto[] = rows.map((row) => ({
      seq: row.seq,
      occurredAt: row.occurredAt.toISOString(),
      action: row.action as AuditAction,
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      changes: row.changes,
    }));
    const nextCursor = rows.length === query.limit ? rows[rows.length - 1].seq : null;
    return { items, nextCursor, limit: query.limit };
  }

  /**
   * `current` (the record's response as it is now, null when there is none) without `asOf`;
   * with it, the record as it stood at that instant (rebuildState), shaped like `current`.
   * The kind's 404 when there is no record to answer.
   */
  async currentOrAsOf<R extends object>(
    kind: HistoryKind<R>,
    entityId: string,
    asOf: Date | undefined,
    current: R | null,
  ): Promise<R> {
    const notFound = () => kind.notFound(entityId);
    if (!asOf) return orNotFound(current, notFound);
    const events = await this.events.changesOf(kind.entityType, entityId);
    const past = rebuildState(entityId, events, asOf, current as Record<string, unknown> | null);
    const record = orNotFound(past as R | null, notFound);
    return kind.atInstant ? kind.atInstant(record, asOf) : record;
  }
}
