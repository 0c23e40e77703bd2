import { AuditChanges } from '../audit-vocabulary';

/** One successful audit event of an entity, as the rebuild reads it. */
export interface EntityEvent {
  action: string;
  occurredAt: Date;
  changes: AuditChanges;
}

/** Kept by the row, not by the diff (audit-diff leaves them out): rebuilt from the events. */
const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'version']);

/**
 * The entity as it stood at `asOf`, from its events in chain order: the first (its creation)
 * and each later change apply their `to` values; a delete ends it (null); nothing before
 * `asOf`, null too.
 *
 * A create event holds every field that was not null (audit-diff records changes from
 * nothing), so a field it lacks was null, or did not exist yet when the event was written
 * (records created before a field was added). For such a field the first later event that
 * changes it tells its earlier value (its `from`); a field no event ever mentions takes the
 * value of `current` (the row as it is now), and null when the row is gone.
 *
 * `version` counts the events that changed something (the row's version moves exactly then);
 * `createdAt` and `updatedAt` are the row's own when `current` exists and is at that version,
 * else the times of the creating and the last changing event, which follow the row's own
 * stamps by the duration of the request.
 */
export function rebuildState(
  entityId: string,
  events: readonly EntityEvent[],
  asOf: Date,
  current: Readonly<Record<string, unknown>> | null,
): Record<string, unknown> | null {
  const past = events.filter((event) => event.occurredAt.getTime() <= asOf.getTime());
  if (past.length === 0 || past[past.length - 1].action === 'delete') return null;

  const state: Record<string, unknown> = {};
  let version = 0;
  let updatedAt = past[0].occurredAt;
  for (const event of past) {
    const fields = Object.entries(event.changes);
    if (fields.length === 0) continue;
    for (const [field, change] of fields) state[field] = change.to;
    version += 1;
    updatedAt = event.occurredAt;
  }
  for (const event of events.slice(past.length)) {
    for (const [field, change] of Object.entries(event.changes)) {
      if (!(field in state)) state[field] = change.from;
    }
  }
  for (const [field, value] of Object.entries(current ?? {})) {
    if (!(field in state) && !BOOKKEEPING.has(field)) state[field] = value;
  }
  const latest = current !== null && current.version === version;
  const shape = current ? Object.keys(current) : Object.keys(state);
  const rebuilt: Record<string, unknown> = {};
  for (const field of shape) if (!BOOKKEEPING.has(field)) rebuilt[field] = state[field] ?? null;
  return {
    ...rebuilt,
    id: entityId,
    createdAt: current?.createdAt ?? past[0].occurredAt.toISOString(),
    updatedAt: latest ? current.updatedAt : updatedAt.toISOString(),
    version,
  };
}
