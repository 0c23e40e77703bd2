import { AccessTokenClaims } from './access-token.service';
import { VerifiedTokenCache } from './verified-token-cache';

const NOW_MS = 1_800_000_000_000;

function claimsExpiringAt(exp: number): AccessTokenClaims {
  return {
    sub: 'user-1',
    role: 'analyst',
    sid: 'family-1',
    typ: 'access',
    jti: 'jti-1',
    iat: NOW_MS / 1000,
    exp,
    iss: 'risk-compliance-tracker',
    aud: 'rct-api',
  };
}

describe(VerifiedTokenCache.name, () => {
  let cache: VerifiedTokenCache;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW_MS });
    cache = new VerifiedTokenCache();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('should return the claims of a remembered token', () => {
    const claims = claimsExpiringAt(NOW_MS / 1000 + 60);
    cache.remember('token-a', claims);

    expect(cache.get('token-a')).toBe(claims);
    expect(cache.get('token-b')).toBeUndefined();
  });

  it('should forget a token from the second its exp names, as jsonwebtoken does', () => {
    cache.remember('token-a', claimsExpiringAt(NOW_MS / 1000 + 60));

    jest.setSystemTime(NOW_MS + 59_999);
    expect(cache.get('token-a')).toBeDefined();
    jest.setSystemTime(NOW_MS + 60_000);
    expect(cache.get('token-a')).toBeUndefined();
    jest.setSystemTime(NOW_MS);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('should forget the oldest token once 10,000 are remembered', () => {
    const claims = claimsExpiringAt(NOW_MS / 1000 + 60);
    for (let i = 0; i <= 10_000; i += 1) cache.remember(`token-${i}`, claims);

    expect(cache.get('token-0')).toBeUndefined();
    expect(cache.get('token-1')).toBe(claims);
    expect(cache.get('token-10000')).toBe(claims);
  });
});
