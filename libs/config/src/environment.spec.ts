import { generateKeyPairSync } from 'node:crypto';
import { ConfigValidationError, parseTrustProxy, validateEnvironment } from './environment';

const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

describe(validateEnvironment.name, () => {
  it('should apply documented defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: './.data',
      DATABASE_POOL_SIZE: 10,
      DATABASE_PREPARED_STATEMENTS: true,
      LIST_CACHE_ENTRIES: 500,
      MIGRATIONS_RUN: true,
      HTTP_BODY_LIMIT: 1_048_576,
      SHUTDOWN_GRACE_MS: 10_000,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('should parse numbers and booleans from strings', () => {
    const env = validateEnvironment({
      PORT: '8080',
      MIGRATIONS_RUN: 'false',
      DATABASE_POOL_SIZE: '3',
      DATABASE_PREPARED_STATEMENTS: 'false',
      LIST_CACHE_ENTRIES: '0',
    });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.DATABASE_POOL_SIZE).toBe(3);
    expect(env.DATABASE_PREPARED_STATEMENTS).toBe(false);
    expect(env.LIST_CACHE_ENTRIES).toBe(0);
  });

  it('should treat an empty DATABASE_URL as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('should ignore variables it does not know', () => {
    expect(validateEnvironment({ HOME: '/root' })).not.toHaveProperty('HOME');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['MIGRATIONS_RUN', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['HTTP_BODY_LIMIT', '10'],
    ['LIST_CACHE_ENTRIES', '-1'],
  ])('should reject %s=%s naming the variable', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('should report every bad variable at once', () => {
    try {
      validateEnvironment({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect((error as ConfigValidationError).problems).toHaveLength(2);
    }
  });

  describe('secrets', () => {
    it('should stop production without JWT_SECRET', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(
        /JWT_SECRET must be set/,
      );
    });

    it('should refuse a JWT_SECRET shorter than 32 characters anywhere', () => {
      expect(() => validateEnvironment({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET/);
      expect(() =>
        validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) }),
      ).toThrow(/JWT_SECRET/);
    });

    it('should accept a long enough secret in production', () => {
      expect(
        validateEnvironment({
          NODE_ENV: 'production',
          JWT_SECRET: 'x'.repeat(32),
          AUDIT_SIGNING_KEY: SIGNING_KEY,
        }).JWT_SECRET,
      ).toHaveLength(32);
    });

    it('should allow no secret outside production', () => {
      expect(validateEnvironment({ NODE_ENV: 'development' }).JWT_SECRET).toBeUndefined();
    });

    it('should stop production without AUDIT_SIGNING_KEY, saying how to make one', () => {
      expect(() =>
        validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }),
      ).toThrow(/AUDIT_SIGNING_KEY must be set in production .*openssl genpkey -algorithm ed25519/);
    });

    it('should accept an Ed25519 key as PEM or base64 and refuse anything else', () => {
      const pem = SIGNING_KEY;
      const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };
      expect(validateEnvironment({ ...production, AUDIT_SIGNING_KEY: pem }).AUDIT_SIGNING_KEY).toBe(
        pem,
      );
      expect(() =>
        validateEnvironment({ AUDIT_SIGNING_KEY: Buffer.from(pem).toString('base64') }),
      ).not.toThrow();
      expect(() => validateEnvironment({ AUDIT_SIGNING_KEY: 'secret' })).toThrow(
        /AUDIT_SIGNING_KEY is neither a PEM nor the base64 of one/,
      );
    });

    it('should default the checkpoint interval to 300 s and refuse 0', () => {
      expect(validateEnvironment({}).AUDIT_CHECKPOINT_INTERVAL).toBe(300);
      expect(() => validateEnvironment({ AUDIT_CHECKPOINT_INTERVAL: '0' })).toThrow(
        /AUDIT_CHECKPOINT_INTERVAL/,
      );
    });

    it('should refuse an idle refresh lifetime above the absolute one', () => {
      expect(() =>
        validateEnvironment({ REFRESH_TOKEN_IDLE_TTL: '7200', REFRESH_TOKEN_ABSOLUTE_TTL: '3600' }),
      ).toThrow(/REFRESH_TOKEN_IDLE_TTL/);
    });
  });

  describe('several instances', () => {
    it('should default to in-memory counters, no trusted proxy and the documented rate limits', () => {
      const env = validateEnvironment({});
      expect(env.REDIS_URL).toBeUndefined();
      expect(env.TRUST_PROXY).toBeUndefined();
      expect(env.RATE_LIMIT_ANONYMOUS).toBe(120);
      expect(env.RATE_LIMIT_AUTHENTICATED).toBe(600);
    });

    it('should take 0 to turn a rate limit off and refuse a negative one', () => {
      expect(validateEnvironment({ RATE_LIMIT_ANONYMOUS: '0' }).RATE_LIMIT_ANONYMOUS).toBe(0);
      expect(() => validateEnvironment({ RATE_LIMIT_AUTHENTICATED: '-1' })).toThrow(
        /RATE_LIMIT_AUTHENTICATED/,
      );
    });

    it('should refuse a REDIS_URL that is not redis:// or rediss://', () => {
      expect(() => validateEnvironment({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
      expect(validateEnvironment({ REDIS_URL: 'rediss://cache:6380/0' }).REDIS_URL).toBe(
        'rediss://cache:6380/0',
      );
    });

    it.each([
      [undefined, false],
      ['false', false],
      ['0', false],
      ['true', true],
      ['2', 2],
      ['10.0.0.1', ['10.0.0.1']],
      ['10.0.0.0/8, 172.16.0.0/12,::1', ['10.0.0.0/8', '172.16.0.0/12', '::1']],
    ])('should read TRUST_PROXY=%s as Fastify trustProxy %j', (value, expected) => {
      expect(parseTrustProxy(value)).toEqual(expected);
    });

    it.each(['yes-please', '10.0.0.0/33', 'example.com', '10.0.0.1,'])(
      'should refuse TRUST_PROXY=%s naming the variable',
      (value) => {
        expect(() => validateEnvironment({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
      },
    );
  });
});
