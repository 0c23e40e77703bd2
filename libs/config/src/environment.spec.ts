import { ConfigValidationError, validateEnvironment } from './environment';

describe(validateEnvironment.name, () => {
  it('should apply documented defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: './.data',
      DATABASE_POOL_SIZE: 10,
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
    });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATIONS_RUN).toBe(false);
    expect(env.DATABASE_POOL_SIZE).toBe(3);
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
});
