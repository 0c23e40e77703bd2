import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { GENESIS_HASH, HashedAuditFields, hashAuditEvent } from './audit-hash';

/** Arbitrary, fixed key of the transaction-level advisory lock that orders the chain. */
const CHAIN_LOCK_KEY = 7_310_001;

export type AuditEventDraft = Omit<HashedAuditFields, 'id' | 'prevHash' | 'occurredAt'>;

/**
 * Appends to the hash chain. The advisory lock is taken as late as possible and held until
 * the enclosing transaction ends, so events join the chain in commit order even when
 * requests run concurrently, and a rolled-back event never becomes anyone's predecessor.
 */
@Injectable()
export class AuditChainWriter {
  async append(manager: EntityManager, draft: AuditEventDraft): Promise<AuditEventEntity> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    const [last] = await manager.query<{ hash: string }[]>(
      'SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const fields: HashedAuditFields = {
      ...draft,
      id: randomUUID(),
      occurredAt: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const repository = manager.getRepository(AuditEventEntity);
    const event = repository.create({ ...fields, hash: hashAuditEvent(fields) });
    // jsonb `changes` holds unknown values, which TypeORM's insert typing cannot express.
    await repository.insert(event as QueryDeepPartialEntity<AuditEventEntity>);
    return event;
  }
}
