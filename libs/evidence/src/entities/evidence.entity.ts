import { Column, Entity } from 'typeorm';
import { VersionedEntityBase } from '@rct/database';
import { EvidenceKind } from '../enums/evidence-kind.enum';
import { EvidenceReviewStatus } from '../enums/evidence-review-status.enum';

/**
 * One piece of evidence. The metadata of its uploaded file lives here, so lists and reads never
 * touch the bytes, which sit in `evidence_files`.
 */
@Entity({ name: 'evidence' })
export class EvidenceEntity extends VersionedEntityBase {
  @Column({ name: 'control_id', type: 'uuid' })
  controlId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: EvidenceKind, enumName: 'evidence_kind' })
  kind: EvidenceKind;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ name: 'collected_at', type: 'timestamptz' })
  collectedAt: Date;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({
    name: 'review_status',
    type: 'enum',
    enum: EvidenceReviewStatus,
    enumName: 'evidence_review_status',
  })
  reviewStatus: EvidenceReviewStatus;

  @Column({ name: 'reviewed_by_id', type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ name: 'submitted_by_id', type: 'uuid' })
  submittedById: string;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  /** bigint comes back from pg as a string; the cap keeps it far below 2^53. */
  @Column({
    name: 'file_size',
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  fileSize: number | null;

  @Column({ name: 'file_content_type', type: 'text', nullable: true })
  fileContentType: string | null;

  @Column({ name: 'file_sha256', type: 'char', length: 64, nullable: true })
  fileSha256: string | null;
}
