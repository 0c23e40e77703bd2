import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RiskReviewOutcome } from '../../enums/risk-review-outcome.enum';

/** One periodic review of a risk; never changed once recorded. */
@Entity({ name: 'risk_reviews' })
export class RiskReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'risk_id', type: 'uuid' })
  riskId: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId: string;

  @Column({ type: 'enum', enum: RiskReviewOutcome, enumName: 'risk_review_outcome' })
  outcome: RiskReviewOutcome;

  @Column({ type: 'text', default: '' })
  notes: string;

  /** The transaction's now(), filled by the database. */
  @Column({ name: 'reviewed_at', type: 'timestamptz', insert: false, update: false })
  reviewedAt: Date;

  @Column({ type: 'smallint' })
  likelihood: number;

  @Column({ type: 'smallint' })
  impact: number;

  @Column({ name: 'inherent_score', type: 'smallint' })
  inherentScore: number;

  @Column({ name: 'residual_score', type: 'smallint', nullable: true })
  residualScore: number | null;
}
