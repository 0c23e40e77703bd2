import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { RiskAcceptanceStatus } from '../../enums/risk-acceptance-status.enum';

@Entity({ name: 'risk_acceptances' })
export class RiskAcceptanceEntity extends VersionedEntityBase {
  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ type: 'enum', enum: RiskAcceptanceStatus, enumName: 'risk_acceptance_status' })
  status: RiskAcceptanceStatus;

  @Column({ type: 'text' })
  justification: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById: string;

  /** The transaction's now(), filled by the database. */
  @Column({ name: 'requested_at', type: 'timestamptz', insert: false, update: false })
  requestedAt: Date;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment: string | null;

  @Column({ name: 'revoked_by_id', type: 'uuid', nullable: true })
  revokedById: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_comment', type: 'text', nullable: true })
  revokeComment: string | null;

  @Column({ name: 'inherent_score_at_request', type: 'smallint' })
  inherentScoreAtRequest: number;

  @Column({ name: 'residual_score_at_request', type: 'smallint', nullable: true })
  residualScoreAtRequest: number | null;
}
