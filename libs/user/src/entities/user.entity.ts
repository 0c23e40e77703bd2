import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { UserRole } from '@rct/auth';
import { UserKind } from '../enums/user-kind.enum';

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

  @Column({ type: 'enum', enum: UserKind, enumName: 'user_kind', default: UserKind.Human })
  kind: UserKind;

  /** Null for a service account, which has no password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  /** Access tokens issued before this instant are refused. */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz' })
  tokensValidAfter: Date;
}
