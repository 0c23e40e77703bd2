import { generateApiKeySecret, hashApiKeySecret, parseApiKeySecret } from './api-key-secret';

describe(generateApiKeySecret.name, () => {
  it('should make rct_ + an 8-character prefix + _ + 43 base64url characters', () => {
    const { secret, prefix, hash } = generateApiKeySecret();

    expect(secret).toMatch(/^rct_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.slice(4, 12)).toBe(prefix);
    expect(Buffer.from(secret.slice(13), 'base64url')).toHaveLength(32);
    expect(hash.equals(hashApiKeySecret(secret))).toBe(true);
  });

  it('should never repeat a secret or a prefix across many keys', () => {
    const secrets = Array.from({ length: 500 }, generateApiKeySecret);

    expect(new Set(secrets.map((key) => key.secret)).size).toBe(500);
    expect(new Set(secrets.map((key) => key.prefix)).size).toBe(500);
  });
});

describe(parseApiKeySecret.name, () => {
  it('should answer the prefix and the SHA-256 of a well-formed secret', () => {
    const { secret, prefix, hash } = generateApiKeySecret();

    const presented = parseApiKeySecret(secret);

    expect(presented?.prefix).toBe(prefix);
    expect(presented?.hash.equals(hash)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
    ['a short random part', `rct_abcdEFGH_${'a'.repeat(42)}`],
    ['a long random part', `rct_abcdEFGH_${'a'.repeat(44)}`],
    ['a prefix with a dash', `rct_abcd-FGH_${'a'.repeat(43)}`],
    ['another scheme', `sk_abcdEFGH_${'a'.repeat(43)}`],
    ['surrounding spaces', ` rct_abcdEFGH_${'a'.repeat(43)} `],
  ])('should refuse %s', (_label, text) => {
    expect(parseApiKeySecret(text)).toBeUndefined();
  });
});
