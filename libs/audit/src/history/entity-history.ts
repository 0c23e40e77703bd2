import { Injectable } from '@nestjs/common';
import { AuditAction, AuditEntityType } from '../audit-vocabulary';
import { AuditRepository } from '../audit.repository';
import { HistoryEntryResponseDto, HistoryPageDto } from './dto/history-entry-response.dto';
import { HistoryQueryDto } from './dto/history-query.dto';
import { rebuildState } from './rebuild-state';

/**
 * What every domain's `/history` and `?asOf=` answer, from the audit trail: one place for
 * risks, controls, evidence and tasks alike.
 */
@Injectable()
export class EntityHistory {
  constructor(private readonly events: AuditRepository) {}

  /** The entity's events, oldest first; null when the trail has none (an unknown id). */
  async page(
    entityType: AuditEntityType,
    entityId: string,
    query: HistoryQueryDto,
  ): Promise<HistoryPageDto | null> {
    const rows = await this.events.historyOf(entityType, entityId, query.cursor, query.limit);
    if (rows.length === 0 && !query.cursor) return null;
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
   * The entity as it stood at `asOf` (rebuildState), shaped like `current`, its response as it
   * is now (null when deleted); null when it did not exist at that instant.
   */
  async stateAt<T extends object>(
    entityType: AuditEntityType,
    entityId: string,
    asOf: Date,
    current: T | null,
  ): Promise<T | null> {
    const events = await this.events.changesOf(entityType, entityId);
    return rebuildState(
      entityId,
      events,
      asOf,
      current as Record<string, unknown> | null,
    ) as T | null;
  }
}
