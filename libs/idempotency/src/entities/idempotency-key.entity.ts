import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The answer to a POST sent with an Idempotency-Key, kept for IDEMPOTENCY_TTL seconds. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** Whose key it is: the API key the request was made with, else the user. */
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 (hex) of the method, path and body the key was first used with. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  /** The JSON body as sent; null for a response without one (204). */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'text', nullable: true })
  etag: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
