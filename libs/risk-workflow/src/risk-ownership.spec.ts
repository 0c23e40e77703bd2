import { AuthUser, UserRole } from '@rct/auth';
import { assertMayWorkOnRisk, NotYourRiskError } from './risk-ownership';

const user = (role: UserRole, id = 'u1'): AuthUser => ({
  id,
  role,
  email: `${id}@example.com`,
  fullName: id,
  sessionId: 's1',
});

describe(assertMayWorkOnRisk.name, () => {
  it('should let admins and managers work on any risk', () => {
    expect(() => assertMayWorkOnRisk(user(UserRole.Admin), { ownerId: 'other' })).not.toThrow();
    expect(() => assertMayWorkOnRisk(user(UserRole.Manager), { ownerId: 'other' })).not.toThrow();
  });

  it('should let analysts work only on their own risks', () => {
    expect(() => assertMayWorkOnRisk(user(UserRole.Analyst), { ownerId: 'u1' })).not.toThrow();
    expect(() => assertMayWorkOnRisk(user(UserRole.Analyst), { ownerId: 'u2' })).toThrow(
      NotYourRiskError,
    );
  });

  it('should refuse viewers', () => {
    expect(() => assertMayWorkOnRisk(user(UserRole.Viewer), { ownerId: 'u1' })).toThrow(
      NotYourRiskError,
    );
  });
});
