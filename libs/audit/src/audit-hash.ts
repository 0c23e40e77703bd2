import { AuditChanges, AuditOutcome } from './audit-vocabulary';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything but `seq` and the hash itself. */
export interface HashedAuditFields {
  id: string;
  occurredAt: Date;
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
  prevHash: string;
}

/**
 * JSON with object keys sorted at every depth, so the same event always serialises the same
 * way, whatever order jsonb hands its keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The text an event's hash is the SHA-256 of. */
export function auditHashInput(fields: HashedAuditFields): string {
  const covered: HashedAuditFields = {
    id: fields.id,
    occurredAt: fields.occurredAt,
    actorId: fields.actorId,
    actorEmail: fields.actorEmail,
    actorRole: fields.actorRole,
    action: fields.action,
    outcome: fields.outcome,
    entityType: fields.entityType,
    entityId: fields.entityId,
    method: fields.method,
    route: fields.route,
    path: fields.path,
    statusCode: fields.statusCode,
    requestId: fields.requestId,
    ip: fields.ip,
    userAgent: fields.userAgent,
    changes: fields.changes,
    prevHash: fields.prevHash,
  };
  return canonicalJson(covered);
}

export function hashAuditEvent(fields: HashedAuditFields): string {
  return createHash('sha256').update(auditHashInput(fields), 'utf8').digest('hex');
}
