import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `hash` was UNIQUE, which nothing needs: the chain is checked by walking it, no query looks an
 * event up by its hash, and two equal hashes would take two identical events, ids included.
 * Its index was the audit table's largest (135 MB at a million events), and every audited
 * write inserted into it at a random page.
 */
export class AuditHashNotUnique1764300013000 implements MigrationInterface {
  name = 'AuditHashNotUnique1764300013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_events DROP CONSTRAINT audit_events_hash_key');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE audit_events ADD CONSTRAINT audit_events_hash_key UNIQUE (hash)',
    );
  }
}
