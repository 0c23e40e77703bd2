/** What an audit event says happened. */
export enum AuditAction {
  Create = 'create',
  Update = 'update',
  Delete = 'delete',
  Review = 'review',
  Upload = 'upload',
  Login = 'login',
  LoginFailed = 'login_failed',
  Refresh = 'refresh',
  Logout = 'logout',
  TokenReuse = 'token_reuse',
  PasswordChange = 'password_change',
  PasswordReset = 'password_reset',
  Read = 'read',
  Export = 'export',
  WebhookRotateSecret = 'webhook_rotate_secret',
  WebhookPing = 'webhook_ping',
  WebhookDisable = 'webhook_disable',
  ApiKeyCreate = 'api_key_create',
  ApiKeyRevoke = 'api_key_revoke',
  AcceptanceRequest = 'acceptance_request',
  AcceptanceDecision = 'acceptance_decision',
  AcceptanceRevoke = 'acceptance_revoke',
  AcceptanceExpire = 'acceptance_expire',
}

export enum AuditOutcome {
  Success = 'success',
  Denied = 'denied',
  Failed = 'failed',
}

export enum AuditEntityType {
  User = 'user',
  Risk = 'risk',
  Control = 'control',
  Evidence = 'evidence',
  Task = 'task',
  Session = 'session',
  Webhook = 'webhook',
  ApiKey = 'api_key',
  RiskReview = 'risk_review',
  RiskAcceptance = 'risk_acceptance',
}

/** Field-level changes: `{field: {from, to}}`. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/** Who acted, when the request's own user is not it (sign-in) or there is none. */
export interface AuditActor {
  id: string | null;
  email: string | null;
  role: string | null;
}
