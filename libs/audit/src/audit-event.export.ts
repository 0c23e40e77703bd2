import { exportFields, field } from '@rct/database';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';

/**
 * An audit event as an export writes it (what toAuditEventResponse writes),
 * every field in the mapper's order, over the repository's alias `event`. `seq` is a bigint,
 * sent as a string as the list sends it.
 */
export const AUDIT_EVENT_EXPORT_FIELDS = exportFields<AuditEventResponseDto>({
  id: field.token('event.id'),
  seq: field.token('event.seq'),
  occurredAt: field.timestamp('event.occurredAt'),
  actorId: field.token('event.actorId'),
  actorEmail: field.text('event.actorEmail'),
  actorRole: field.text('event.actorRole'),
  action: field.text('event.action'),
  outcome: field.token('event.outcome'),
  entityType: field.text('event.entityType'),
  entityId: field.text('event.entityId'),
  method: field.text('event.method'),
  route: field.text('event.route'),
  path: field.text('event.path'),
  statusCode: field.integer('event.statusCode'),
  requestId: field.text('event.requestId'),
  ip: field.text('event.ip'),
  userAgent: field.text('event.userAgent'),
  changes: field.jsonObject('event.changes'),
  apiKeyId: field.token('event.apiKeyId'),
  prevHash: field.token('event.prevHash'),
  hash: field.token('event.hash'),
});
