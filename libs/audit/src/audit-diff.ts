import { AuditChanges } from './audit-vocabulary';

/** Never recorded, whatever a caller passes in. */
const SECRET_FIELD = /password|secret|token|hash|bytes|content$/i;

type Snapshot = Record<string, unknown> | null | undefined;

function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/**
 * Field-level diff of two snapshots (null for "did not exist"), leaving out unchanged fields,
 * bookkeeping that changes on every write, and anything that looks like a secret.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): AuditChanges {
  const ignored = new Set(['version', 'updatedAt', 'createdAt']);
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = {};
  for (const field of [...fields].sort()) {
    if (ignored.has(field) || SECRET_FIELD.test(field)) continue;
    const from = before ? before[field] : null;
    const to = after ? after[field] : null;
    if (comparable(from) !== comparable(to)) {
      changes[field] = { from: plain(from), to: plain(to) };
    }
  }
  return changes;
}
