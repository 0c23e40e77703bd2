import { Injectable } from '@nestjs/common';
import { SessionAudit, SessionAuditEvent } from '@rct/auth';
import { AuditContext } from './audit-context';
import { AuditAction, AuditEntityType } from './audit-vocabulary';

const ACTIONS: Record<SessionAuditEvent['action'], AuditAction> = {
  login: AuditAction.Login,
  login_failed: AuditAction.LoginFailed,
  refresh: AuditAction.Refresh,
  token_reuse: AuditAction.TokenReuse,
  logout: AuditAction.Logout,
  password_change: AuditAction.PasswordChange,
};

/** The auth library's events, described to the request's audit context. */
@Injectable()
export class AuditedSessions extends SessionAudit {
  constructor(private readonly audit: AuditContext) {
    super();
  }

  describe(event: SessionAuditEvent): void {
    this.audit.describe({
      action: ACTIONS[event.action],
      // A password change is the user's; the rest happen to a session (its token family).
      entityType:
        event.action === 'password_change' ? AuditEntityType.User : AuditEntityType.Session,
      entityId: event.entityId,
      actor: event.actor,
    });
  }
}
