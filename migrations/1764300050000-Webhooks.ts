import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints and their outbox of deliveries. A trigger on audit_event_queue queues one
 * delivery per matching active endpoint while the write's transaction is still open, so a
 * rolled-back write queues nothing and a committed one cannot lose its deliveries. It runs as
 * the event is queued, not at COMMIT, so it adds nothing to the time the chain's lock is held;
 * with no endpoint it costs one scan of an empty table.
 */
export class Webhooks1764300050000 implements MigrationInterface {
  name = 'Webhooks1764300050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
        events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 100),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
        active boolean NOT NULL DEFAULT true,
        secret text NOT NULL,
        consecutive_dead integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE TYPE webhook_delivery_status AS ENUM ('pending', 'succeeded', 'failed', 'dead')`,
    );
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        status webhook_delivery_status NOT NULL DEFAULT 'pending',
        attempt integer NOT NULL DEFAULT 0,
        response_status integer,
        duration_ms integer,
        error text,
        next_attempt_at timestamptz DEFAULT now(),
        lease_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_id)
      )`);
    // The dispatchers' claim reads only deliveries still to be sent, by due time.
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
        WHERE status IN ('pending', 'failed')`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at DESC, id)`);
    await queryRunner.query(`
      CREATE FUNCTION webhook_outbox_queue() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, occurred_at, payload)
        SELECT e.id, NEW.id, NEW.entity_type || '.' || NEW.action, NEW.occurred_at,
          jsonb_build_object(
            'actor', jsonb_build_object(
              'id', NEW.actor_id, 'email', NEW.actor_email, 'role', NEW.actor_role),
            'data', jsonb_build_object(
              'entityType', NEW.entity_type, 'entityId', NEW.entity_id, 'changes', NEW.changes))
        FROM webhook_endpoints e
        WHERE e.active
          AND e.events && ARRAY['*', NEW.entity_type || '.*', NEW.entity_type || '.' || NEW.action];
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_queue_webhooks AFTER INSERT ON audit_event_queue
        FOR EACH ROW WHEN (NEW.outcome = 'success' AND NEW.entity_type IS NOT NULL)
        EXECUTE FUNCTION webhook_outbox_queue()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_event_queue_webhooks ON audit_event_queue');
    await queryRunner.query('DROP FUNCTION webhook_outbox_queue');
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TYPE webhook_delivery_status');
    await queryRunner.query('DROP TABLE webhook_endpoints');
  }
}
