import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { RiskSeverity } from '../enums/risk-severity.enum';
import { RiskStatus } from '../enums/risk-status.enum';
import { RiskTreatment } from '../enums/risk-treatment.enum';

@Entity({ name: 'risks' })
export class RiskEntity extends VersionedEntityBase {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'smallint' })
  likelihood: number;

  @Column({ type: 'smallint' })
  impact: number;

  /** Computed by the database (likelihood x impact). */
  @Column({ name: 'inherent_score', type: 'smallint', insert: false, update: false })
  inherentScore: number;

  @Column({ name: 'residual_likelihood', type: 'smallint', nullable: true })
  residualLikelihood: number | null;

  @Column({ name: 'residual_impact', type: 'smallint', nullable: true })
  residualImpact: number | null;

  @Column({
    name: 'residual_score',
    type: 'smallint',
    nullable: true,
    insert: false,
    update: false,
  })
  residualScore: number | null;

  @Column({
    type: 'enum',
    enum: RiskSeverity,
    enumName: 'risk_severity',
    insert: false,
    update: false,
  })
  severity: RiskSeverity;

  @Column({
    name: 'residual_severity',
    type: 'enum',
    enum: RiskSeverity,
    enumName: 'risk_severity',
    nullable: true,
    insert: false,
    update: false,
  })
  residualSeverity: RiskSeverity | null;

  @Column({ type: 'enum', enum: RiskStatus, enumName: 'risk_status' })
  status: RiskStatus;

  @Column({ type: 'enum', enum: RiskTreatment, enumName: 'risk_treatment' })
  treatment: RiskTreatment;

  /** Filled from severity by the database when an insert leaves it out. */
  @Column({ name: 'review_interval_days', type: 'integer' })
  reviewIntervalDays: number;

  @Column({ name: 'last_reviewed_at', type: 'timestamptz', nullable: true })
  lastReviewedAt: Date | null;

  /** Creation + reviewIntervalDays (by the database) when an insert leaves it out. */
  @Column({ name: 'next_review_at', type: 'timestamptz', nullable: true })
  nextReviewAt: Date | null;
}
