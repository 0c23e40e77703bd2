import type { ChainEvent } from '../../libs/audit/src/checkpoints/chain-verifier';

/**
 * The hash input as it was written before verification had a fast path (canonicalJson with
 * JSON.stringify for every string, a Date for occurredAt, the whole object sorted), frozen
 * here so the fast path is held to the text every existing chain was hashed from.
 */
export function referenceCanonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${referenceCanonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** An event as pg's object-mode rows handed it over before: occurredAt a Date. */
export type StoredEvent = Omit<ChainEvent, 'occurredAt'> & { occurredAt: Date };

/** The reference hash input of a stored event: its covered fields, apiKeyId only when set. */
export function referenceHashInput(event: StoredEvent): string {
  const covered: Record<string, unknown> = { ...event };
  delete covered.seq;
  delete covered.hash;
  if (covered.apiKeyId === null) delete covered.apiKeyId;
  return referenceCanonicalJson(covered);
}
