import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AuditEventColumns } from './audit-event-columns';

/**
 * An event waiting for its transaction's COMMIT, where a deferred trigger links it into the
 * chain (migrations/…-AuditChainAtCommit) and deletes it. The hash input is sent in two parts
 * around the predecessor's hash, which is only known under the chain's lock.
 */
@Entity({ name: 'audit_event_queue' })
export class AuditEventQueueEntity extends AuditEventColumns {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'hash_head', type: 'text' })
  hashHead: string;

  @Column({ name: 'hash_tail', type: 'text' })
  hashTail: string;
}
