import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appends one event to the hash chain in a single round trip: takes the chain's advisory lock,
 * reads the predecessor's hash and inserts the event with its SHA-256, computed from the
 * canonical JSON the application serialised around the one part it cannot know (prevHash).
 * The lock is held until the caller's transaction ends, so every round trip after it delays
 * every other writer; done in the function, the only one left is the commit. VOLATILE: each
 * statement takes a fresh snapshot, so the read after the lock sees the event committed by the
 * previous holder.
 */
export class AuditChainAppendFunction1764300011000 implements MigrationInterface {
  name = 'AuditChainAppendFunction1764300011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_append(
        p_id uuid, p_occurred_at timestamptz, p_actor_id uuid, p_actor_email text,
        p_actor_role text, p_action text, p_outcome audit_outcome, p_entity_type text,
        p_entity_id text, p_method text, p_route text, p_path text, p_status_code integer,
        p_request_id text, p_ip text, p_user_agent text, p_changes jsonb,
        p_hash_head text, p_hash_tail text)
      RETURNS TABLE (seq bigint, prev_hash text, hash text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7310001);
        SELECT e.hash INTO previous FROM audit_events e ORDER BY e.seq DESC LIMIT 1;
        previous := coalesce(previous, repeat('0', 64));
        RETURN QUERY
          INSERT INTO audit_events AS e (id, occurred_at, actor_id, actor_email, actor_role,
            action, outcome, entity_type, entity_id, method, route, path, status_code,
            request_id, ip, user_agent, changes, prev_hash, hash)
          VALUES (p_id, p_occurred_at, p_actor_id, p_actor_email, p_actor_role, p_action,
            p_outcome, p_entity_type, p_entity_id, p_method, p_route, p_path, p_status_code,
            p_request_id, p_ip, p_user_agent, p_changes, previous,
            encode(sha256(convert_to(p_hash_head || previous || p_hash_tail, 'UTF8')), 'hex'))
          RETURNING e.seq, e.prev_hash::text, e.hash::text;
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION audit_chain_append');
  }
}
