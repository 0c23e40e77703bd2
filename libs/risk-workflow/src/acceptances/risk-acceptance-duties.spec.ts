import { AuthUser, UserRole } from '@rct/auth';
import { assertSeparateDuties } from './risk-acceptance-duties';
import { SeparationOfDutiesError } from './risk-acceptance.errors';

const manager: AuthUser = {
  id: 'm1',
  role: UserRole.Manager,
  email: 'm1@example.com',
  fullName: 'M',
  sessionId: 's',
};

describe(assertSeparateDuties.name, () => {
  it('should refuse the requester', () => {
    expect(() =>
      assertSeparateDuties(manager, { requestedById: 'm1' }, { ownerId: 'o1' }, 'decide'),
    ).toThrow(SeparationOfDutiesError);
  });

  it("should refuse the risk's owner", () => {
    expect(() =>
      assertSeparateDuties(manager, { requestedById: 'a1' }, { ownerId: 'm1' }, 'revoke'),
    ).toThrow(SeparationOfDutiesError);
  });

  it('should let a third person decide', () => {
    expect(() =>
      assertSeparateDuties(manager, { requestedById: 'a1' }, { ownerId: 'o1' }, 'decide'),
    ).not.toThrow();
  });
});
