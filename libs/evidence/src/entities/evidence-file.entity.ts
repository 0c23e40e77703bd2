import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bytes of an uploaded file, kept apart so that nothing loads them by accident. */
@Entity({ name: 'evidence_files' })
export class EvidenceFileEntity {
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @Column({ type: 'bytea' })
  content: Buffer;
}
