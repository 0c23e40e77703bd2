import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answers of POSTs sent with an Idempotency-Key, per principal (the API key, else the
 * user), written in the same transaction as the write they answer.
 */
export class IdempotencyKeys1764300043000 implements MigrationInterface {
  name = 'IdempotencyKeys1764300043000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        principal_id uuid NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        fingerprint char(64) NOT NULL,
        status_code integer NOT NULL,
        body text,
        etag text,
        location text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (principal_id, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
