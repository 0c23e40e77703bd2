import { UserRole } from '@rct/auth';
import { VersionedEntityBase } from '@rct/database';
import { Column, Entity } from 'typeorm';

/** An API key: the secret itself is never stored, only its SHA-256 beside its public prefix. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity extends VersionedEntityBase {
  /** The owner: the key acts as this user, with at most the owner's role. */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  name: string;

  /** The 8 characters after `rct_`: public, they find the row. */
  @Column({ type: 'char', length: 8 })
  prefix: string;

  /** SHA-256 of the whole secret (32 bytes). */
  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Updated at most once a minute. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
