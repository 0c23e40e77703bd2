import { MigrationInterface, QueryRunner } from 'typeorm';
import { AuditChainAppendFunction1764300011000 } from './1764300011000-AuditChainAppendFunction';

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

/**
 * Links audit events into the hash chain while their transaction commits, not when the request
 * asks for it. The chain's lock is held until the transaction ends, so everything between
 * taking it and the end of COMMIT is serialised across all writers. When audit_chain_append
 * took it mid-transaction, that included the reply's round trip to the application, which,
 * busy with other requests, could take a millisecond or more to send COMMIT: writes topped out
 * near 400/s with CPU to spare.
 *
 * Now a request queues its event in audit_event_queue, and a deferred constraint trigger does
 * what audit_chain_append did (lock, read the predecessor's hash, insert with the SHA-256)
 * inside COMMIT, then drops the queued row. The lock is held for the link and the WAL flush
 * only. The queue is UNLOGGED: its rows never outlive their transaction, so they need no WAL,
 * and a crash (which truncates unlogged tables) can only take rows of transactions it aborts.
 */
export class AuditChainAtCommit1764300012000 implements MigrationInterface {
  name = 'AuditChainAtCommit1764300012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The event's own columns, typed as audit_events types them; their NOT NULLs are checked
    // when the event is linked into audit_events, inside the same COMMIT.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE audit_event_queue AS
        SELECT ${EVENT_COLUMNS.join(', ')}, ''::text AS hash_head, ''::text AS hash_tail
        FROM audit_events WITH NO DATA`);
    await queryRunner.query(`
      ALTER TABLE audit_event_queue ADD PRIMARY KEY (id),
        ALTER hash_head SET NOT NULL, ALTER hash_tail SET NOT NULL`);
    // VOLATILE (the default): each statement takes a fresh snapshot, so the read after the
    // lock sees the event the previous holder committed.
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7310001);
        SELECT e.hash INTO previous FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
        previous := coalesce(previous, repeat('0', 64));
        INSERT INTO audit_events (${EVENT_COLUMNS.join(', ')}, prev_hash, hash)
          VALUES (${EVENT_COLUMNS.map((column) => `NEW.${column}`).join(', ')}, previous,
            encode(sha256(convert_to(NEW.hash_head || previous || NEW.hash_tail, 'UTF8')), 'hex'));
        DELETE FROM audit_event_queue WHERE id = NEW.id;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER audit_event_queue_link AFTER INSERT ON audit_event_queue
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_link()`);
    await queryRunner.query('DROP FUNCTION audit_chain_append');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await new AuditChainAppendFunction1764300011000().up(queryRunner);
    await queryRunner.query('DROP TABLE audit_event_queue');
    await queryRunner.query('DROP FUNCTION audit_chain_link');
  }
}
