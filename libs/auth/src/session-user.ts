import { UserRole } from './roles/user-role.enum';

/** What authentication needs to know about a user; never leaves the server. */
export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  role: UserRole;
  isActive: boolean;
  tokensValidAfter: Date;
}

/** The signed-in user of a request, as guards and `@CurrentUser()` see it. */
export interface AuthUser extends Pick<SessionUser, 'id' | 'email' | 'fullName' | 'role'> {
  /** The refresh token family (session) the access token was issued for; null for an API key. */
  sessionId: string | null;
  /**
   * The API key the request was made with, if any: `role` is then the lower of the key's role
   * and its owner's.
   */
  apiKeyId?: string;
}

/**
 * What sign-in needs from the user library, inverted so auth never imports it: UserModule
 * provides this class with UserService.
 */
export abstract class UserAccounts {
  /** The user whose e-mail and password match; unknown e-mails cost the same time. */
  abstract verifyCredentials(email: string, password: string): Promise<SessionUser | undefined>;
  abstract verifyPassword(userId: string, password: string): Promise<boolean>;
  /** One primary-key lookup, run for every authenticated request. */
  abstract findSessionUser(userId: string): Promise<SessionUser | undefined>;
  /** Stores a new password and invalidates every access token issued before now. */
  abstract setPassword(userId: string, newPassword: string): Promise<void>;
}

/**
 * What the guard needs to accept an `X-API-Key`, inverted so auth never imports the API key
 * library: ApiKeyModule provides it.
 */
export abstract class ApiKeyAuthenticator {
  /**
   * The owner a presented secret acts as, with the key's capped role; undefined for a secret
   * that is malformed, unknown, wrong, revoked, expired, or whose owner is deactivated.
   */
  abstract authenticate(secret: string): Promise<AuthUser | undefined>;
}
