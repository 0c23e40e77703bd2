import type { AuthUser } from '../session-user';

/**
 * What the authenticated rate limit counts by: one budget per API key for a key's requests,
 * else one per user (DESIGN "Running several instances": per user or API key).
 */
export function rateLimitPrincipal(request: { user?: AuthUser }): string | undefined {
  const user = request.user;
  if (!user) return undefined;
  return user.apiKeyId ? `key:${user.apiKeyId}` : `user:${user.id}`;
}
