import { types } from 'pg';
import type { AuditOutcome } from '../audit-vocabulary';
import type { ChainEvent } from './chain-verifier';

/** pg's type id of timestamptz, whose text the fallback below parses as pg would. */
const TIMESTAMPTZ_OID = 1184;

/** occurred_at's text as pg's object-mode rows turned it into a value (postgres-date). */
function parseTimestamptz(text: string): Date {
  const parse = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;
  return parse(text);
}

/**
 * occurred_at as the hash input writes it (Date.toISOString(): UTC, milliseconds truncated, as
 * pg's parser truncates stored microseconds), rendered by PostgreSQL so no Date is built per
 * event. toISOString() writes a four-digit year only from year 1 to 9999: outside them (and for
 * +-infinity) the column holds the plain timestamptz text, which chainEventOf parses as before.
 */
const OCCURRED_AT = `CASE WHEN occurred_at >= '0001-01-01 00:00:00+00' AND occurred_at < '10000-01-01 00:00:00+00'
  THEN to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ELSE occurred_at::text END`;

/** The chain's columns, in the order chainEventOf reads them. */
const COLUMNS = [
  'seq',
  'id',
  OCCURRED_AT,
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
  'api_key_id',
  'prev_hash',
  'hash',
];

/** Every event from seq $1 on, in chain order: rows for chainEventOf, read in array mode. */
export const CHAIN_ROWS_SQL = `SELECT ${COLUMNS.join(', ')} FROM audit_events WHERE seq >= $1 ORDER BY seq`;

/**
 * How the cursor hands rows over: as arrays, which pg builds with less work than objects of
 * named fields (verification reads every row of the trail).
 */
export const CHAIN_ROWS_MODE = 'array';

/** An array-mode row of CHAIN_ROWS_SQL as the verifier takes it. */
export function chainEventOf(row: unknown[]): ChainEvent {
  const occurredAt = row[2] as string;
  return {
    seq: row[0] as string,
    id: row[1] as string,
    occurredAt: occurredAt.endsWith('Z')
      ? occurredAt
      : // A Date as pg parses it, or +-Infinity (hashed as null, as it always was).
        parseTimestamptz(occurredAt),
    actorId: row[3] as string | null,
    actorEmail: row[4] as string | null,
    actorRole: row[5] as string | null,
    action: row[6] as string,
    outcome: row[7] as AuditOutcome,
    entityType: row[8] as string | null,
    entityId: row[9] as string | null,
    method: row[10] as string,
    route: row[11] as string | null,
    path: row[12] as string,
    statusCode: row[13] as number,
    requestId: row[14] as string,
    ip: row[15] as string | null,
    userAgent: row[16] as string | null,
    changes: row[17] as ChainEvent['changes'],
    apiKeyId: row[18] as string | null,
    prevHash: row[19] as string,
    hash: row[20] as string,
  };
}
