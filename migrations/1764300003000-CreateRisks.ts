import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRisks1764300003000 implements MigrationInterface {
  name = 'CreateRisks1764300003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE risk_status AS ENUM ('open', 'in_treatment', 'monitoring', 'accepted', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE risk_treatment AS ENUM ('untreated', 'mitigate', 'accept', 'transfer', 'avoid')`,
    );
    await queryRunner.query(
      `CREATE TYPE risk_severity AS ENUM ('low', 'medium', 'high', 'critical')`,
    );
    // The one banding function: stored columns, filters and responses all go through it.
    await queryRunner.query(`
      CREATE FUNCTION risk_severity(score integer) RETURNS risk_severity
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN score IS NULL THEN NULL
          WHEN score <= 4 THEN 'low'::risk_severity
          WHEN score <= 9 THEN 'medium'::risk_severity
          WHEN score <= 16 THEN 'high'::risk_severity
          ELSE 'critical'::risk_severity
        END
      $$`);
    await queryRunner.query(`
      CREATE TABLE risks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        category text NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        likelihood smallint NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
        impact smallint NOT NULL CHECK (impact BETWEEN 1 AND 5),
        inherent_score smallint GENERATED ALWAYS AS (likelihood * impact) STORED,
        residual_likelihood smallint CHECK (residual_likelihood BETWEEN 1 AND 5),
        residual_impact smallint CHECK (residual_impact BETWEEN 1 AND 5),
        residual_score smallint GENERATED ALWAYS AS (residual_likelihood * residual_impact) STORED,
        severity risk_severity GENERATED ALWAYS AS (risk_severity(likelihood * impact)) STORED,
        residual_severity risk_severity
          GENERATED ALWAYS AS (risk_severity(residual_likelihood * residual_impact)) STORED,
        status risk_status NOT NULL DEFAULT 'open',
        treatment risk_treatment NOT NULL DEFAULT 'untreated',
        next_review_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', title || ' ' || description || ' ' || category)
        ) STORED,
        CONSTRAINT risks_residual_pair CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL))
      )`);
    for (const [name, definition] of [
      ['status_severity_score', '(status, severity, inherent_score DESC)'],
      ['severity_score', '(severity, inherent_score DESC)'],
      ['inherent_score', '(inherent_score DESC)'],
      ['residual_score', '(residual_score DESC)'],
      ['treatment', '(treatment)'],
      ['owner', '(owner_id)'],
      ['category', '(category)'],
      ['created_at', '(created_at)'],
      ['updated_at', '(updated_at)'],
      ['next_review_at', '(next_review_at)'],
      ['title', '(title)'],
    ]) {
      await queryRunner.query(`CREATE INDEX risks_${name}_idx ON risks ${definition}`);
    }
    await queryRunner.query(`CREATE INDEX risks_search_idx ON risks USING gin (search)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE risks`);
    await queryRunner.query(`DROP FUNCTION risk_severity(integer)`);
    await queryRunner.query(`DROP TYPE risk_severity`);
    await queryRunner.query(`DROP TYPE risk_treatment`);
    await queryRunner.query(`DROP TYPE risk_status`);
  }
}
