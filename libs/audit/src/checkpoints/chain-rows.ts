import type { CopyTextField } from '@rct/database';
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

/**
 * COPY of every event from `fromSeq` on, in chain order, as text rows for chainEventOf. COPY
 * takes no parameters: the seq is written as the bigint it is (BigInt rejects anything else).
 */
export function chainCopySql(fromSeq: string): string {
  const seq = BigInt(fromSeq).toString();
  return `COPY (SELECT ${COLUMNS.join(', ')} FROM audit_events WHERE seq >= ${seq} ORDER BY seq) TO STDOUT`;
}

/** A row of chainCopySql's COPY text output, as the verifier takes it. */
export function chainEventOf(row: CopyTextField[]): ChainEvent {
  const occurredAt = row[2]!;
  return {
    seq: row[0]!,
    id: row[1]!,
    occurredAt: occurredAt.endsWith('Z')
      ? occurredAt
      : // A Date as pg parses it, or +-Infinity (hashed as null, as it always was).
        parseTimestamptz(occurredAt),
    actorId: row[3],
    actorEmail: row[4],
    actorRole: row[5],
    action: row[6]!,
    outcome: row[7] as AuditOutcome,
    entityType: row[8],
    entityId: row[9],
    method: row[10]!,
    route: row[11],
    path: row[12]!,
    statusCode: Number(row[13]),
    requestId: row[14]!,
    ip: row[15],
    userAgent: row[16],
    // jsonb's text, parsed as pg parses it for a query's rows.
    changes: JSON.parse(row[17]!) as ChainEvent['changes'],
    apiKeyId: row[18],
    prevHash: row[19]!,
    hash: row[20]!,
  };
}
