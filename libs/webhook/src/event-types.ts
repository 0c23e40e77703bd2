import { AuditAction, AuditEntityType } from '@rct/audit';
import { AUDIT_CHECKPOINT_EVENT } from '@rct/audit';

/** Every subscription: `*`. */
export const ALL_EVENTS = '*';

/** Sent by POST /webhooks/{id}/ping to that endpoint only. */
export const PING_EVENT = 'webhook.ping';

const ENTITY_TYPES = new Set<string>(Object.values(AuditEntityType));
const ACTIONS = new Set<string>(Object.values(AuditAction));

/**
 * Whether an endpoint may subscribe to this: `*`, `audit.checkpoint`, `<entityType>.*` or
 * `<entityType>.<action>` with both names from the audit vocabulary.
 */
export function isWebhookEventType(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === ALL_EVENTS || value === AUDIT_CHECKPOINT_EVENT) return true;
  const dot = value.indexOf('.');
  if (dot < 0) return false;
  const entityType = value.slice(0, dot);
  const action = value.slice(dot + 1);
  return ENTITY_TYPES.has(entityType) && (action === '*' || ACTIONS.has(action));
}
