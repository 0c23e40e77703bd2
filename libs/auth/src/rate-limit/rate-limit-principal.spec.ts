import type { AuthUser } from '../session-user';
import { rateLimitPrincipal } from './rate-limit-principal';

const user = { id: 'u-1', sessionId: 's-1' } as AuthUser;

describe(rateLimitPrincipal.name, () => {
  it('should count a signed-in user by the user', () => {
    expect(rateLimitPrincipal({ user })).toBe('user:u-1');
  });

  it("should give each API key a budget of its own, apart from its owner's", () => {
    const viaKey = { ...user, sessionId: null, apiKeyId: 'k-1' };
    expect(rateLimitPrincipal({ user: viaKey })).toBe('key:k-1');
  });

  it('should name no principal without a user', () => {
    expect(rateLimitPrincipal({})).toBeUndefined();
  });
});
