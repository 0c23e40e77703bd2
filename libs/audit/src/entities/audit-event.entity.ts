import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AuditEventColumns } from './audit-event-columns';

/** One audit event; rows are only ever inserted (see the append-only triggers). */
@Entity({ name: 'audit_events' })
export class AuditEventEntity extends AuditEventColumns {
  /** Chain order; assigned by the database. */
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
