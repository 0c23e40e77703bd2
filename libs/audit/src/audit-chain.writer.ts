import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity';
import { auditHashInput, GENESIS_HASH, HashedAuditFields } from './audit-hash';

/** Arbitrary, fixed key of the transaction-level advisory lock that orders the chain. */
const CHAIN_LOCK_KEY = 7_310_001;

export type AuditEventDraft = Omit<HashedAuditFields, 'id' | 'prevHash' | 'occurredAt'>;

/*
 * Links and inserts in one statement: the predecessor's hash is read and the new hash computed
 * (SHA-256 of the canonical JSON, whose only unknown part is prevHash) by PostgreSQL itself,
 * so the lock is held for two round trips (lock, insert) plus the commit, not four.
 */
const LINK_AND_INSERT = `
  INSERT INTO audit_events (id, occurred_at, actor_id, actor_email, actor_role, action, outcome,
    entity_type, entity_id, method, route, path, status_code, request_id, ip, user_agent,
    changes, prev_hash, hash)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb,
    link.prev, encode(sha256(convert_to($18 || link.prev || $19, 'UTF8')), 'hex')
  FROM (SELECT coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), $20) AS prev) link
  RETURNING seq, prev_hash, hash`;

/**
 * Appends to the hash chain. The advisory lock is taken as late as possible and held until
 * the enclosing transaction ends, so events join the chain in commit order even when
 * requests run concurrently, and a rolled-back event never becomes anyone's predecessor.
 * The insert is its own statement after the lock, so its snapshot sees every event committed
 * before the lock was granted.
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
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    const [row] = await manager.query<{ seq: string; prev_hash: string; hash: string }[]>(
      LINK_AND_INSERT,
      [
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
        GENESIS_HASH,
      ],
    );
    return Object.assign(new AuditEventEntity(), {
      ...fields,
      seq: row.seq,
      prevHash: row.prev_hash,
      hash: row.hash,
    });
  }
}
