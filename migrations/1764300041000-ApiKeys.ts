import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys: the secret is stored only as its SHA-256, beside the public 8-character prefix
 * that finds the row. Revoked and expired keys stay, so audit events keep naming them.
 */
export class ApiKeys1764300041000 implements MigrationInterface {
  name = 'ApiKeys1764300041000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix char(8) NOT NULL,
        secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
        role user_role NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_prefix_key ON api_keys (prefix)`);
    await queryRunner.query(`CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at)`);
    await queryRunner.query(`CREATE INDEX api_keys_created_at_idx ON api_keys (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
