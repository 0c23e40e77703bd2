/**
 * Emitted inside the request's transaction when a user's sessions must all end (password reset
 * by an admin, deactivation). The auth library revokes the refresh token families; listeners
 * run in the same transaction, so a failure undoes the change.
 */
export const USER_SESSIONS_REVOKED = 'user.sessions-revoked';

export interface UserSessionsRevokedEvent {
  userId: string;
  reason: 'password_reset' | 'deactivated';
}
