import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity';
import { auditHashInput, HashedAuditFields } from './audit-hash';

export type AuditEventDraft = Omit<HashedAuditFields, 'id' | 'prevHash' | 'occurredAt'>;

/** Locks the chain, links and inserts: see migrations/1764300011000-AuditChainAppendFunction. */
const APPEND = `SELECT seq, prev_hash, hash FROM audit_chain_append(
  $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`;

/**
 * Appends to the hash chain. The chain's advisory lock is taken as late as possible (the last
 * statement of the request's transaction) and held until that transaction ends, so events join
 * the chain in commit order even when requests run concurrently, and a rolled-back event never
 * becomes anyone's predecessor. PostgreSQL computes the hash: the predecessor is only known
 * under the lock, so the application sends the canonical JSON in two parts around it.
 */
@Injectable()
export class AuditChainWriter {
  async append(manager: EntityManager, draft: AuditEventDraft): Promise<AuditEventEntity> {
    const slot = `prev-${randomUUID()}`;
    const fields: HashedAuditFields = {
      ...draft,
      id: randomUUID(),
      occurredAt: new Date(),
      prevHash: slot,
    };
    const parts = auditHashInput(fields).split(slot);
    if (parts.length !== 2) throw new Error('The audit event could not be serialised');
    const [row] = await manager.query<{ seq: string; prev_hash: string; hash: string }[]>(APPEND, [
      fields.id,
      fields.occurredAt,
      fields.actorId,
      fields.actorEmail,
      fields.actorRole,
      fields.action,
      fields.outcome,
      fields.entityType,
      fields.entityId,
      fields.method,
      fields.route,
      fields.path,
      fields.statusCode,
      fields.requestId,
      fields.ip,
      fields.userAgent,
      JSON.stringify(fields.changes),
      parts[0],
      parts[1],
    ]);
    return Object.assign(new AuditEventEntity(), {
      ...fields,
      seq: row.seq,
      prevHash: row.prev_hash,
      hash: row.hash,
    });
  }
}
