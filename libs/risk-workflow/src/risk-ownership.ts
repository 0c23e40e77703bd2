import { AuthUser, UserRole } from '@rct/auth';
import { ForbiddenError } from '@rct/common';

const ANY_RISK = new Set<UserRole>([UserRole.Admin, UserRole.Manager]);

export class NotYourRiskError extends ForbiddenError {}

/**
 * Who may review a risk or ask to accept it: admins and managers any; analysts only the risks
 * they own (the route's @Roles already turned viewers away).
 */
export function assertMayWorkOnRisk(user: AuthUser, risk: { ownerId: string }): void {
  if (ANY_RISK.has(user.role)) return;
  if (user.role === UserRole.Analyst && risk.ownerId === user.id) return;
  throw new NotYourRiskError('Analysts may review or ask to accept only the risks they own.');
}
