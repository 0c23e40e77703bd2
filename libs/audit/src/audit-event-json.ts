import type { AuditEventResponseDto } from './dto/audit-event-response.dto';

/** A response body serialised already (sent with JSON_CONTENT_TYPE, as it is). */
export type JsonText = string;
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Each response field and the SQL that gives it its JSON value, in the DTO's order. */
const FIELDS: Record<keyof AuditEventResponseDto, string> = {
  id: 'id',
  seq: 'seq::text',
  // Date.toISOString's form; occurred_at holds milliseconds, as the JavaScript Date it came from.
  occurredAt: `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  actorId: 'actor_id',
  actorEmail: 'actor_email',
  actorRole: 'actor_role',
  action: 'action',
  outcome: 'outcome',
  entityType: 'entity_type',
  entityId: 'entity_id',
  method: 'method',
  route: 'route',
  path: 'path',
  statusCode: 'status_code',
  requestId: 'request_id',
  ip: 'ip',
  userAgent: 'user_agent',
  changes: 'changes',
  prevHash: 'prev_hash::text',
  hash: 'hash::text',
};

/**
 * `SELECT <json>, <seq> FROM audit_events "<alias>"`, for the caller's WHERE, ORDER BY and
 * LIMIT. A page is up to 100 events of some 1.2 kB, so PostgreSQL renders each event as the
 * response's JSON from the row it reads anyway: the API neither parses 20 columns and the
 * `changes` document per event nor serialises them again, it joins the texts. (The lateral
 * subquery names the fields; its unqualified columns are the event's.)
 */
export function selectAuditEventJson(alias: string): string {
  return (
    `SELECT row_to_json("body")::text AS "json", "${alias}".seq::text AS "seq" ` +
    `FROM audit_events "${alias}" CROSS JOIN LATERAL (SELECT ${BODY}) "body"`
  );
}

const BODY = Object.entries(FIELDS)
  .map(([field, sql]) => `${sql} AS "${field}"`)
  .join(', ');
