import { MigrationInterface, QueryRunner } from 'typeorm';

const EVENT_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_email',
  'actor_role',
  'action',
  'outcome',
  'entity_type',
  'entity_id',
  'method',
  'route',
  'path',
  'status_code',
  'request_id',
  'ip',
  'user_agent',
  'changes',
];

/** audit_chain_link() as AuditChainAtCommit wrote it, copying these columns. */
function linkFunction(columns: string[]): string {
  return `
    CREATE OR REPLACE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      previous text;
    BEGIN
      PERFORM pg_advisory_xact_lock(7310001);
      SELECT e.hash INTO previous FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
      previous := coalesce(previous, repeat('0', 64));
      INSERT INTO audit_events (${columns.join(', ')}, prev_hash, hash)
        VALUES (${columns.map((column) => `NEW.${column}`).join(', ')}, previous,
          encode(sha256(convert_to(NEW.hash_head || previous || NEW.hash_tail, 'UTF8')), 'hex'));
      DELETE FROM audit_event_queue WHERE id = NEW.id;
      RETURN NULL;
    END
    $fn$`;
}

/**
 * Events of requests made with an API key name the key (`api_key_id`) beside the owner as
 * actor. No foreign key: the trail outlives what it names. The hash input gains an `apiKeyId`
 * member only when the column is set (libs/audit/src/audit-hash.ts), so every event written
 * before keeps its hash.
 */
export class AuditApiKeyId1764300042000 implements MigrationInterface {
  name = 'AuditApiKeyId1764300042000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_events ADD COLUMN api_key_id uuid`);
    await queryRunner.query(`ALTER TABLE audit_event_queue ADD COLUMN api_key_id uuid`);
    await queryRunner.query(
      `CREATE INDEX audit_events_api_key_idx ON audit_events (api_key_id) WHERE api_key_id IS NOT NULL`,
    );
    await queryRunner.query(linkFunction([...EVENT_COLUMNS, 'api_key_id']));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(linkFunction(EVENT_COLUMNS));
    await queryRunner.query(`ALTER TABLE audit_event_queue DROP COLUMN api_key_id`);
    await queryRunner.query(`ALTER TABLE audit_events DROP COLUMN api_key_id`);
  }
}
