import { hash, randomBytes, randomInt } from 'node:crypto';

const PREFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 8;
/** `rct_` + 8-character public prefix + `_` + base64url of 32 random bytes (43 characters). */
const SECRET_PATTERN = /^rct_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

/** A new key's secret (shown once), its public prefix, and the hash that is stored. */
export interface NewApiKeySecret {
  secret: string;
  prefix: string;
  hash: Buffer;
}

/** A presented secret, split into what finds the row and what is compared with it. */
export interface PresentedApiKey {
  prefix: string;
  hash: Buffer;
}

export function hashApiKeySecret(secret: string): Buffer {
  // One-shot: no Hash object per request made with a key.
  return hash('sha256', secret, 'buffer');
}

export function generateApiKeySecret(): NewApiKeySecret {
  let prefix = '';
  for (let index = 0; index < PREFIX_LENGTH; index += 1) {
    prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  }
  const secret = `rct_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: hashApiKeySecret(secret) };
}

/** The prefix and hash of a well-formed secret; undefined for anything else. */
export function parseApiKeySecret(presented: string): PresentedApiKey | undefined {
  const match = SECRET_PATTERN.exec(presented);
  return match ? { prefix: match[1], hash: hashApiKeySecret(presented) } : undefined;
}
