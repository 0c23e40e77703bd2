import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const SEALED = 'sealed:v1:';
const PLAIN = 'plain:';

/**
 * Keeps webhook signing secrets at rest. The server must sign with the raw key, so a hash will
 * not do: with WEBHOOK_SECRET_KEY set, each secret is sealed with AES-256-GCM under a key
 * derived from it, bound to its endpoint's id (a sealed secret copied onto another row does not
 * open). Without it, secrets are stored as they are, marked so, and open either way: setting the
 * key later seals each secret at its next rotation.
 */
export class SecretBox {
  private readonly key: Buffer | null;

  constructor(masterKey: string | undefined) {
    this.key = masterKey
      ? Buffer.from(hkdfSync('sha256', masterKey, 'rct-webhook-secrets', 'aes-256-gcm:v1', 32))
      : null;
  }

  get seals(): boolean {
    return this.key !== null;
  }

  seal(secret: string, endpointId: string): string {
    if (!this.key) return PLAIN + secret;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(endpointId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(stored: string, endpointId: string): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED)) throw new Error('Unknown webhook secret format');
    if (!this.key) throw new Error('A sealed webhook secret needs WEBHOOK_SECRET_KEY');
    const raw = Buffer.from(stored.slice(SEALED.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
