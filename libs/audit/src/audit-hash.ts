import { AuditChanges, AuditOutcome } from './audit-vocabulary';
import { hash } from 'node:crypto';
import { jsonString } from '@rct/common';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A timestamp exactly as `Date.prototype.toISOString()` writes it (milliseconds, `Z`): the hash
 * input holds that text, so a reader that has it already (the verifier's cursor asks
 * PostgreSQL for it) need not build a Date per event.
 */
export type IsoTimestamp = string;

/** The fields an event's hash covers: everything but `seq` and the hash itself. */
export interface HashedAuditFields {
  id: string;
  occurredAt: Date | IsoTimestamp;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  outcome: AuditOutcome;
  entityType: string | null;
  entityId: string | null;
  method: string;
  route: string | null;
  path: string;
  statusCode: number;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  changes: AuditChanges;
  /**
   * The API key the request was made with. A member of the hash input only when set: events
   * made without a key (every event written before keys existed) hash as they always did.
   */
  apiKeyId?: string | null;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every depth (by UTF-16 code unit, as Array.sort orders
 * strings), so the same event always serialises the same way, whatever order jsonb hands its
 * keys back in. Written with plain loops: verification runs it on every event of the chain.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return jsonString(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      text += `${index === 0 ? '' : ','}${canonicalJson(value[index])}`;
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of sortedKeys(record)) {
    const item = record[key];
    // An undefined member is left out, as JSON.stringify leaves it out.
    if (item === undefined) continue;
    text += `${text ? ',' : '{'}${jsonString(key)}:${canonicalJson(item)}`;
  }
  return text ? `${text}}` : '{}';
}

/**
 * An object's keys by UTF-16 code unit, as Array.sort orders strings: by insertion for the
 * few keys an event's changes have at each depth, where it is several times cheaper.
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 8) return keys.sort();
  for (let index = 1; index < keys.length; index += 1) {
    const key = keys[index];
    let place = index;
    for (; place > 0 && keys[place - 1] > key; place -= 1) keys[place] = keys[place - 1];
    keys[place] = key;
  }
  return keys;
}

/** A member's value as canonicalJson writes it, with the common string case first. */
function member(value: unknown): string {
  return typeof value === 'string' ? jsonString(value) : canonicalJson(value);
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The covered fields in canonical (sorted) order, each with the text that opens its member. */
const COVERED: { key: keyof HashedAuditFields; opening: string }[] = (
  [
    'id',
    'occurredAt',
    'actorId',
    'actorEmail',
    'actorRole',
    'action',
    'outcome',
    'entityType',
    'entityId',
    'method',
    'route',
    'path',
    'statusCode',
    'requestId',
    'ip',
    'userAgent',
    'changes',
    'apiKeyId',
    'prevHash',
  ] satisfies (keyof HashedAuditFields)[]
)
  .sort(byCodeUnit)
  .map((key) => ({ key, opening: `${JSON.stringify(key)}:` }));

/** Whether a member other than apiKeyId is missing (only from a damaged export or a test). */
function lacksMember(f: HashedAuditFields): boolean {
  return (
    f.action === undefined ||
    f.actorEmail === undefined ||
    f.actorId === undefined ||
    f.actorRole === undefined ||
    f.changes === undefined ||
    f.entityId === undefined ||
    f.entityType === undefined ||
    f.id === undefined ||
    f.ip === undefined ||
    f.method === undefined ||
    f.occurredAt === undefined ||
    f.outcome === undefined ||
    f.path === undefined ||
    f.prevHash === undefined ||
    f.requestId === undefined ||
    f.route === undefined ||
    f.statusCode === undefined ||
    f.userAgent === undefined
  );
}

/**
 * The text an event's hash is the SHA-256 of: canonicalJson of the covered fields. Written
 * member by member in their sorted key order (verification hashes every event; sorting the keys
 * per event, or looking each up by name in a loop, was most of its cost); an event with a
 * member missing takes the loop, which leaves it out as canonicalJson does. A null apiKeyId is
 * left out too.
 */
export function auditHashInput(fields: HashedAuditFields): string {
  if (lacksMember(fields)) return membersInput(fields);
  const apiKeyId =
    fields.apiKeyId === undefined || fields.apiKeyId === null
      ? ''
      : `,"apiKeyId":${member(fields.apiKeyId)}`;
  return (
    `{"action":${member(fields.action)},"actorEmail":${member(fields.actorEmail)}` +
    `,"actorId":${member(fields.actorId)},"actorRole":${member(fields.actorRole)}${apiKeyId}` +
    `,"changes":${canonicalJson(fields.changes)},"entityId":${member(fields.entityId)}` +
    `,"entityType":${member(fields.entityType)},"id":${member(fields.id)}` +
    `,"ip":${member(fields.ip)},"method":${member(fields.method)}` +
    `,"occurredAt":${member(fields.occurredAt)},"outcome":${member(fields.outcome)}` +
    `,"path":${member(fields.path)},"prevHash":${member(fields.prevHash)}` +
    `,"requestId":${member(fields.requestId)},"route":${member(fields.route)}` +
    `,"statusCode":${member(fields.statusCode)},"userAgent":${member(fields.userAgent)}}`
  );
}

/** auditHashInput the general way: the covered members that are there, in key order. */
function membersInput(fields: HashedAuditFields): string {
  let text = '';
  for (const { key, opening } of COVERED) {
    const value = fields[key];
    if (value === undefined || (value === null && key === 'apiKeyId')) continue;
    text += `${text ? ',' : '{'}${opening}${canonicalJson(value)}`;
  }
  return text ? `${text}}` : '{}';
}

/** SHA-256 (hex) of the hash input's UTF-8 bytes; one-shot, with no Hash object per event. */
export function hashAuditEvent(fields: HashedAuditFields): string {
  return hash('sha256', auditHashInput(fields), 'hex');
}
