import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvidence1764300006000 implements MigrationInterface {
  name = 'CreateEvidence1764300006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE evidence_kind AS ENUM ('document', 'link', 'screenshot', 'log', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE evidence_review_status AS ENUM ('pending_review', 'approved', 'rejected')`,
    );
    // The uploaded file's metadata sits on this row so lists never read the bytes.
    await queryRunner.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        control_id uuid NOT NULL REFERENCES controls (id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        kind evidence_kind NOT NULL,
        url text CHECK (url ~* '^https?://' AND length(url) <= 2048),
        collected_at timestamptz NOT NULL,
        valid_until timestamptz,
        review_status evidence_review_status NOT NULL DEFAULT 'pending_review',
        reviewed_by_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        reviewed_at timestamptz,
        review_comment text CHECK (length(review_comment) <= 10000),
        submitted_by_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
        file_size bigint CHECK (file_size >= 0),
        file_content_type text CHECK (length(file_content_type) BETWEEN 3 AND 255),
        file_sha256 char(64) CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', title || ' ' || description)
        ) STORED,
        CONSTRAINT evidence_validity_window CHECK (valid_until IS NULL OR valid_until >= collected_at),
        CONSTRAINT evidence_file_metadata
          CHECK (num_nulls(file_name, file_size, file_content_type, file_sha256) IN (0, 4)),
        CONSTRAINT evidence_review_fields CHECK (
          CASE review_status
            WHEN 'pending_review' THEN reviewed_by_id IS NULL AND reviewed_at IS NULL
              AND review_comment IS NULL
            ELSE reviewed_by_id IS NOT NULL AND reviewed_at IS NOT NULL
          END
        )
      )`);
    for (const [name, definition] of [
      ['control', '(control_id)'],
      ['review_status', '(review_status)'],
      ['kind', '(kind)'],
      ['valid_until', '(valid_until)'],
      ['collected_at', '(collected_at DESC)'],
      ['submitted_by', '(submitted_by_id)'],
      ['reviewed_by', '(reviewed_by_id)'],
      ['created_at', '(created_at)'],
      ['updated_at', '(updated_at)'],
      ['title', '(title)'],
    ]) {
      await queryRunner.query(`CREATE INDEX evidence_${name}_idx ON evidence ${definition}`);
    }
    await queryRunner.query(`CREATE INDEX evidence_search_idx ON evidence USING gin (search)`);
    await queryRunner.query(`
      CREATE TABLE evidence_files (
        evidence_id uuid PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
    // Uploads are mostly compressed already (PDF, PNG, ZIP): store them out of line as they are.
    await queryRunner.query(`ALTER TABLE evidence_files ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence_files`);
    await queryRunner.query(`DROP TABLE evidence`);
    await queryRunner.query(`DROP TYPE evidence_review_status`);
    await queryRunner.query(`DROP TYPE evidence_kind`);
  }
}
