import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityPage, PageRequest } from '@rct/database';
import { QueryDeepPartialEntity, Repository } from 'typeorm';
import { WebhookDeliveryEntity, WebhookPayload } from './entities/webhook-delivery.entity';
import { WebhookDeliveryStatus } from './enums/webhook-delivery-status.enum';

/** A delivery a dispatcher has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  payload: WebhookPayload;
  /** Attempts made before this one. */
  attempt: number;
  url: string;
  storedSecret: string;
}

/** What one attempt came to. */
export interface AttemptResult {
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

/** An event to queue outside the audit trigger (a checkpoint, a ping). */
export interface OutboxEvent {
  eventId: string;
  eventType: string;
  occurredAt: Date;
  payload: WebhookPayload;
}

interface ClaimedRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  occurred_at: Date;
  payload: WebhookPayload;
  attempt: number;
  url: string;
  secret: string;
}

/**
 * The rows a statement returned: TypeORM's `query` answers `[rows, rowCount]` for UPDATE and
 * DELETE on PostgreSQL, and the rows for anything else.
 */
function returnedRows<T>(result: unknown): T[] {
  const isPair =
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number';
  return (isPair ? result[0] : result) as T[];
}

/**
 * The outbox. The dispatchers' statements are written by hand: TypeORM's builder cannot say
 * `FOR UPDATE SKIP LOCKED` inside an UPDATE's subquery, nor an UPDATE that feeds another.
 */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get deliveries(): Repository<WebhookDeliveryEntity> {
    return this.txHost.tx.getRepository(WebhookDeliveryEntity);
  }

  async listForEndpoint(
    endpointId: string,
    status: WebhookDeliveryStatus | undefined,
    page: PageRequest,
  ): Promise<EntityPage<WebhookDeliveryEntity>> {
    const [items, total] = await this.deliveries.findAndCount({
      where: { endpointId, ...(status ? { status } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  /** Queues one event for one endpoint (a ping). */
  async queueFor(endpointId: string, event: OutboxEvent): Promise<WebhookDeliveryEntity> {
    const result = await this.deliveries
      .createQueryBuilder()
      .insert()
      .values({ endpointId, ...event } as QueryDeepPartialEntity<WebhookDeliveryEntity>)
      .returning('*')
      .updateEntity(false)
      .execute();
    const row = (result.raw as Record<string, unknown>[])[0];
    return this.deliveries.create({
      id: row.id as string,
      endpointId,
      ...event,
      status: WebhookDeliveryStatus.Pending,
      attempt: 0,
      responseStatus: null,
      durationMs: null,
      error: null,
      nextAttemptAt: row.next_attempt_at as Date,
      createdAt: row.created_at as Date,
    });
  }

  /** Queues an event for every active endpoint subscribed to one of `patterns`. */
  async queueForSubscribers(event: OutboxEvent, patterns: string[]): Promise<number> {
    const rows = returnedRows<unknown>(
      await this.txHost.tx.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, occurred_at, payload)
       SELECT e.id, $1, $2, $3, $4 FROM webhook_endpoints e
       WHERE e.active AND e.events && $5::text[]
       ON CONFLICT (endpoint_id, event_id) DO NOTHING
       RETURNING id`,
        [event.eventId, event.eventType, event.occurredAt, event.payload, patterns],
      ),
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` due deliveries of active endpoints for `leaseSeconds`: rows another
   * dispatcher holds are skipped, and the lease moves them out of everyone's due list, so each
   * is sent by one dispatcher. If this one dies, the lease runs out and another retries it.
   */
  async claim(leaseId: string, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    const rows = returnedRows<ClaimedRow>(
      await this.txHost.tx.query(
        `UPDATE webhook_deliveries d
         SET lease_id = $1, next_attempt_at = now() + make_interval(secs => $3)
       FROM webhook_endpoints e
       WHERE e.id = d.endpoint_id AND d.id IN (
         SELECT due.id FROM webhook_deliveries due
         JOIN webhook_endpoints owner ON owner.id = due.endpoint_id AND owner.active
         WHERE due.status IN ('pending', 'failed') AND due.next_attempt_at <= now()
         ORDER BY due.next_attempt_at
         LIMIT $2
         FOR UPDATE OF due SKIP LOCKED)
       RETURNING d.id, d.endpoint_id, d.event_id, d.event_type, d.occurred_at, d.payload,
         d.attempt, e.url, e.secret`,
        [leaseId, limit, leaseSeconds],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      eventId: row.event_id,
      eventType: row.event_type,
      occurredAt: row.occurred_at,
      payload: row.payload,
      attempt: row.attempt,
      url: row.url,
      storedSecret: row.secret,
    }));
  }

  /**
   * Records the deliveries of one claim that succeeded, in one statement: the endpoints' runs
   * of dead deliveries are over.
   */
  async recordSuccesses(
    leaseId: string,
    succeeded: { id: string; result: AttemptResult }[],
  ): Promise<void> {
    if (succeeded.length === 0) return;
    await this.txHost.tx.query(
      `WITH done AS (
         UPDATE webhook_deliveries d SET status = 'succeeded', attempt = d.attempt + 1,
           response_status = r.response_status, duration_ms = r.duration_ms, error = NULL,
           next_attempt_at = NULL, lease_id = NULL
         FROM unnest($2::uuid[], $3::int[], $4::int[]) AS r(id, response_status, duration_ms)
         WHERE d.id = r.id AND d.lease_id = $1
         RETURNING d.endpoint_id)
       UPDATE webhook_endpoints e SET consecutive_dead = 0
       FROM (SELECT DISTINCT endpoint_id FROM done) reset
       WHERE e.id = reset.endpoint_id AND e.consecutive_dead > 0`,
      [
        leaseId,
        succeeded.map(({ id }) => id),
        succeeded.map(({ result }) => result.responseStatus),
        succeeded.map(({ result }) => result.durationMs),
      ],
    );
  }

  /** Failed, to be retried after `delaySeconds`. */
  async recordRetry(
    id: string,
    leaseId: string,
    result: AttemptResult,
    delaySeconds: number,
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE webhook_deliveries SET status = 'failed', attempt = attempt + 1,
         response_status = $3, duration_ms = $4, error = $5,
         next_attempt_at = now() + make_interval(secs => $6), lease_id = NULL
       WHERE id = $1 AND lease_id = $2`,
      [id, leaseId, result.responseStatus, result.durationMs, result.error, delaySeconds],
    );
  }

  /** Out of retries; answers the endpoint's dead deliveries in a row (null: lease lost). */
  async recordDead(id: string, leaseId: string, result: AttemptResult): Promise<number | null> {
    const rows = returnedRows<{ consecutive_dead: number }>(
      await this.txHost.tx.query(
        `WITH dead AS (
         UPDATE webhook_deliveries SET status = 'dead', attempt = attempt + 1,
           response_status = $3, duration_ms = $4, error = $5, next_attempt_at = NULL,
           lease_id = NULL
         WHERE id = $1 AND lease_id = $2 RETURNING endpoint_id)
       UPDATE webhook_endpoints e SET consecutive_dead = e.consecutive_dead + 1
       FROM dead WHERE e.id = dead.endpoint_id
       RETURNING e.consecutive_dead`,
        [id, leaseId, result.responseStatus, result.durationMs, result.error],
      ),
    );
    return rows[0]?.consecutive_dead ?? null;
  }
}
