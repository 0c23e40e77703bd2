import { SecretBox } from './secret-box';
import { generateWebhookSecret, signWebhook, webhookSecretKey } from './webhook-secret';
import { createHmac } from 'node:crypto';

const ID = '3f0e8a52-7c1e-4c55-9a57-2c8f0f1d0b11';

describe(SecretBox.name, () => {
  it('should seal so that the stored text does not show the secret, and open it again', () => {
    const box = new SecretBox('k'.repeat(40));
    const secret = generateWebhookSecret();
    const stored = box.seal(secret, ID);
    expect(stored).toMatch(/^sealed:v1:/);
    expect(stored).not.toContain(secret.slice(6));
    expect(box.open(stored, ID)).toBe(secret);
  });

  it('should not open a sealed secret moved to another endpoint or under another key', () => {
    const stored = new SecretBox('k'.repeat(40)).seal('whsec_abc', ID);
    expect(() => new SecretBox('k'.repeat(40)).open(stored, 'another-id')).toThrow();
    expect(() => new SecretBox('j'.repeat(40)).open(stored, ID)).toThrow();
    expect(() => new SecretBox(undefined).open(stored, ID)).toThrow(/WEBHOOK_SECRET_KEY/);
  });

  it('should store unsealed without a key, and open those once a key is set', () => {
    const stored = new SecretBox(undefined).seal('whsec_abc', ID);
    expect(stored).toBe('plain:whsec_abc');
    expect(new SecretBox('k'.repeat(40)).open(stored, ID)).toBe('whsec_abc');
  });
});

describe('webhook secrets', () => {
  it('should be whsec_ and the base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('should sign id.timestamp.body with the decoded key (Standard Webhooks)', () => {
    const secret = generateWebhookSecret();
    const expected = createHmac('sha256', webhookSecretKey(secret))
      .update('msg_1.1700000000.{"a":1}')
      .digest('base64');
    expect(signWebhook(secret, 'msg_1', 1700000000, '{"a":1}')).toBe(`v1,${expected}`);
  });
});

describe('signatures against the standardwebhooks reference library', () => {
  it('should verify with the secret as a receiver verifies it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Webhook } = require('standardwebhooks') as typeof import('standardwebhooks');
    const secret = generateWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ id: ID, type: 'risk.create' });
    const headers = {
      'webhook-id': ID,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, ID, timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
