import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { auditHashInput, HashedAuditFields } from './audit-hash';
import { AuditRepository } from './audit.repository';

export type AuditEventDraft = Omit<HashedAuditFields, 'id' | 'prevHash' | 'occurredAt'>;

/**
 * Appends to the hash chain as part of the current transaction. The event is queued, and a
 * deferred trigger links it inside COMMIT: it takes the chain's lock, reads the predecessor's
 * hash and inserts the event, so events join the chain in commit order and a rolled-back event
 * never becomes anyone's predecessor. PostgreSQL computes the hash: the predecessor is only
 * known under the lock, so the application sends the canonical JSON in two parts around it.
 */
@Injectable()
export class AuditChainWriter {
  constructor(private readonly events: AuditRepository) {}

  async append(draft: AuditEventDraft): Promise<void> {
    const slot = `prev-${randomUUID()}`;
    const event = { ...draft, id: randomUUID(), occurredAt: new Date() };
    const parts = auditHashInput({ ...event, prevHash: slot }).split(slot);
    if (parts.length !== 2) throw new Error('The audit event could not be serialised');
    await this.events.enqueue({
      ...event,
      apiKeyId: event.apiKeyId ?? null,
      hashHead: parts[0],
      hashTail: parts[1],
    });
  }
}
