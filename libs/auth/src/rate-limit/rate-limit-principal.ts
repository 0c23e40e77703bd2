import type { AuthUser } from '../session-user';

/** What the authenticated rate limit counts by: one budget per principal. */
export function rateLimitPrincipal(request: { user?: AuthUser }): string | undefined {
  return request.user?.id;
}
