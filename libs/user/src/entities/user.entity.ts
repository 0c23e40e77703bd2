import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { UserRole } from '@rct/auth';

@Entity({ name: 'users' })
export class UserEntity extends VersionedEntityBase {
  /** Stored lower-cased; unique through an index on lower(email). */
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ type: 'enum', enum: UserRole, enumName: 'user_role' })
  role: UserRole;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** Access tokens issued before this instant are refused. */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz' })
  tokensValidAfter: Date;
}
