import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed statement of the chain's head at one moment; rows are only ever inserted. */
@Entity({ name: 'audit_checkpoints' })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The seq of the event that was the chain's head (a 64-bit integer, as a string). */
  @Column({ type: 'bigint', unique: true })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** When the head event occurred. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  @Column({ name: 'key_id', type: 'char', length: 16 })
  keyId: string;

  /** Base64 Ed25519 signature of the checkpoint message. */
  @Column({ type: 'text' })
  signature: string;
}
