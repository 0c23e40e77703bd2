import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PreparedStatement, queryAtCommit } from '@rct/database';
import { EntityManager } from 'typeorm';
import { auditHashInput, HashedAuditFields } from './audit-hash';

export type AuditEventDraft = Omit<HashedAuditFields, 'id' | 'prevHash' | 'occurredAt'>;

/** Linked into the chain when the transaction commits: migrations/…-AuditChainAtCommit. */
const QUEUE = new PreparedStatement(`INSERT INTO audit_event_queue (id, occurred_at, actor_id,
  actor_email, actor_role, action, outcome, entity_type, entity_id, method, route, path,
  status_code, request_id, ip, user_agent, changes, hash_head, hash_tail)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`);

/**
 * Appends to the hash chain as part of the caller's transaction. The event is queued, as the
 * transaction's last statement (sent with its COMMIT: queryAtCommit), and a deferred trigger
 * links it inside COMMIT: it takes the chain's lock, reads the predecessor's hash and inserts
 * the event, so events join the chain in commit order, a rolled-back event never becomes
 * anyone's predecessor, and the lock (held until the transaction ends) waits on no round trip
 * to this process. PostgreSQL computes the hash: the predecessor is only known under the lock,
 * so the application sends the canonical JSON in two parts around it.
 */
@Injectable()
export class AuditChainWriter {
  async append(manager: EntityManager, draft: AuditEventDraft): Promise<void> {
    const slot = `prev-${randomUUID()}`;
    const fields: HashedAuditFields = {
      ...draft,
      id: randomUUID(),
      occurredAt: new Date(),
      prevHash: slot,
    };
    const parts = auditHashInput(fields).split(slot);
    if (parts.length !== 2) throw new Error('The audit event could not be serialised');
    await queryAtCommit(manager, QUEUE, [
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
  }
}
