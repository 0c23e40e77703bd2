/** What sign-in, refresh, logout and a password change did, for the request's audit event. */
export interface SessionAuditEvent {
  action: 'login' | 'login_failed' | 'refresh' | 'token_reuse' | 'logout' | 'password_change';
  /** The session's token family, or the user whose password changed; null when none. */
  entityId: string | null;
  /** Who acted, when it is not the request's own user (the one signing in). */
  actor?: { id: string | null; email: string | null; role: string | null };
}

/**
 * Where the auth library describes its events. libs/audit binds it to the audit context: the
 * audit lib reads requests' users and roles from this one, so this one cannot import it back.
 */
export abstract class SessionAudit {
  abstract describe(event: SessionAuditEvent): void;
}
