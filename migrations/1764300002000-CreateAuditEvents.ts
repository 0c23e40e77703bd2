import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: append-only (triggers refuse UPDATE, DELETE and TRUNCATE for every role,
 * owners included) and hash-chained by the application.
 */
export class CreateAuditEvents1764300002000 implements MigrationInterface {
  name = 'CreateAuditEvents1764300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE audit_outcome AS ENUM ('success', 'denied', 'failed')`);
    await queryRunner.query(`
      CREATE TABLE audit_events (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_email text,
        actor_role text,
        action text NOT NULL,
        outcome audit_outcome NOT NULL,
        entity_type text,
        entity_id text,
        method text NOT NULL,
        route text,
        path text NOT NULL,
        status_code integer NOT NULL,
        request_id text NOT NULL,
        ip text,
        user_agent text,
        changes jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    for (const [name, columns] of [
      ['actor', 'actor_id, seq'],
      ['entity', 'entity_type, entity_id, seq'],
      ['action', 'action, seq'],
      ['outcome', 'outcome, seq'],
      ['request', 'request_id'],
      ['occurred', 'occurred_at'],
    ]) {
      await queryRunner.query(`CREATE INDEX audit_events_${name}_idx ON audit_events (${columns})`);
    }
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`DROP TYPE audit_outcome`);
  }
}
