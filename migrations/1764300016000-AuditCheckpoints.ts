import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chain's head, and the public keys that verify them. Both are
 * append-only, as audit_events is: a checkpoint is only worth something if it cannot be
 * changed, and a key rotated out must stay listed so the checkpoints it signed still verify.
 * `seq` is unique so that two instances signing the same head store one checkpoint.
 */
export class AuditCheckpoints1764300016000 implements MigrationInterface {
  name = 'AuditCheckpoints1764300016000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_signing_keys (
        key_id char(16) PRIMARY KEY,
        algorithm text NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key_pem text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_checkpoints (
        id uuid PRIMARY KEY,
        seq bigint NOT NULL UNIQUE,
        hash char(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id char(16) NOT NULL REFERENCES audit_signing_keys (key_id),
        signature text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    for (const table of ['audit_signing_keys', 'audit_checkpoints']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_checkpoints');
    await queryRunner.query('DROP TABLE audit_signing_keys');
    await queryRunner.query('DROP FUNCTION audit_append_only()');
  }
}
