import { rateLimitHeaders } from './rate-limit-headers';

describe(rateLimitHeaders.name, () => {
  it('should state the policy and what is left of it', () => {
    expect(
      rateLimitHeaders('anonymous', 120, 60_000, {
        totalHits: 3,
        timeToExpire: 42,
        isBlocked: false,
        timeToBlockExpire: 0,
      }),
    ).toEqual({
      'RateLimit-Policy': '"anonymous";q=120;w=60',
      RateLimit: '"anonymous";r=117;t=42',
    });
  });

  it('should say nothing is left until the block ends once blocked', () => {
    expect(
      rateLimitHeaders('authenticated', 5, 60_000, {
        totalHits: 9,
        timeToExpire: 10,
        isBlocked: true,
        timeToBlockExpire: 55,
      }).RateLimit,
    ).toBe('"authenticated";r=0;t=55');
  });
});
