import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateControls1764300004000 implements MigrationInterface {
  name = 'CreateControls1764300004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE control_type AS ENUM ('preventive', 'detective', 'corrective')`,
    );
    await queryRunner.query(`
      CREATE TYPE control_implementation_status AS ENUM
        ('planned', 'in_progress', 'implemented', 'degraded', 'not_applicable', 'retired')`);
    await queryRunner.query(`
      CREATE TYPE control_effectiveness AS ENUM
        ('not_tested', 'effective', 'partially_effective', 'ineffective')`);
    await queryRunner.query(`
      CREATE TABLE controls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE RESTRICT,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        type control_type NOT NULL,
        implementation_status control_implementation_status NOT NULL DEFAULT 'planned',
        effectiveness control_effectiveness NOT NULL DEFAULT 'not_tested',
        framework_refs text[] NOT NULL DEFAULT '{}',
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        last_tested_at timestamptz,
        next_test_due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', code || ' ' || title || ' ' || description)
        ) STORED
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX controls_code_key ON controls (lower(code))`);
    for (const [name, definition] of [
      ['risk', '(risk_id)'],
      ['implementation_status', '(implementation_status)'],
      ['effectiveness', '(effectiveness)'],
      ['owner', '(owner_id)'],
      ['created_at', '(created_at)'],
      ['next_test_due_at', '(next_test_due_at)'],
    ]) {
      await queryRunner.query(`CREATE INDEX controls_${name}_idx ON controls ${definition}`);
    }
    await queryRunner.query(`CREATE INDEX controls_search_idx ON controls USING gin (search)`);
    await queryRunner.query(
      `CREATE INDEX controls_framework_refs_idx ON controls USING gin (framework_refs)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE controls`);
    await queryRunner.query(`DROP TYPE control_effectiveness`);
    await queryRunner.query(`DROP TYPE control_implementation_status`);
    await queryRunner.query(`DROP TYPE control_type`);
  }
}
