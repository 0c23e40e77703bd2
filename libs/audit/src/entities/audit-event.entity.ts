import { AuditChanges, AuditOutcome } from '../audit-vocabulary';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One audit event; rows are only ever inserted (see the append-only triggers). */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  /** Chain order; assigned by the database. */
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'uuid' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'enum', enum: AuditOutcome, enumName: 'audit_outcome' })
  outcome: AuditOutcome;

  @Column({ name: 'entity_type', type: 'text', nullable: true })
  entityType: string | null;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId: string | null;

  @Column({ type: 'text' })
  method: string;

  @Column({ type: 'text', nullable: true })
  route: string | null;

  @Column({ type: 'text' })
  path: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'jsonb' })
  changes: AuditChanges;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
