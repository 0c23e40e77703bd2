import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A public key that signed checkpoints; kept after rotation so old checkpoints still verify. */
@Entity({ name: 'audit_signing_keys' })
export class AuditSigningKeyEntity {
  @PrimaryColumn({ name: 'key_id', type: 'char', length: 16 })
  keyId: string;

  @Column({ type: 'text' })
  algorithm: string;

  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
