import { AuditAction, AuditEntityType } from './audit-vocabulary';
import { AuditEventResponseDto } from './dto/audit-event-response.dto';
import { AuditEventEntity } from './entities/audit-event.entity';

/** The only way an audit event leaves the lib. */
export function toAuditEventResponse(event: AuditEventEntity): AuditEventResponseDto {
  return {
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    actorRole: event.actorRole,
    action: event.action as AuditAction,
    outcome: event.outcome,
    entityType: event.entityType as AuditEntityType | null,
    entityId: event.entityId,
    method: event.method,
    route: event.route,
    path: event.path,
    statusCode: event.statusCode,
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    changes: event.changes,
    apiKeyId: event.apiKeyId,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
