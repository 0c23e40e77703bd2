import { createHash, createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';

export const ED25519 = 'Ed25519';

const PEM_HEADER = /-----BEGIN [A-Z ]+-----/;

/** A PEM as given, or the same PEM base64-encoded (env files and secret stores mangle newlines). */
function pemText(text: string): string {
  const trimmed = text.trim();
  if (PEM_HEADER.test(trimmed)) return trimmed.replace(/\\n/g, '\n');
  const decoded = Buffer.from(trimmed, 'base64').toString('utf8').trim();
  if (!PEM_HEADER.test(decoded)) {
    throw new Error('is neither a PEM nor the base64 of one');
  }
  return decoded;
}

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key, not an Ed25519 one`);
  }
  return key;
}

/** A key from a PEM (or its base64), which must be Ed25519; throws saying what is wrong. */
function parseEd25519(
  text: string,
  create: (pem: string) => KeyObject,
  expected: string,
): KeyObject {
  const pem = pemText(text);
  let key: KeyObject;
  try {
    key = create(pem);
  } catch {
    throw new Error(`is not a ${expected} PEM`);
  }
  return requireEd25519(key);
}

/** An Ed25519 private key from a PKCS#8 PEM or its base64. */
export function parseEd25519PrivateKey(text: string): KeyObject {
  return parseEd25519(
    text,
    (pem) => createPrivateKey({ key: pem, format: 'pem' }),
    'PKCS#8 private key',
  );
}

/** An Ed25519 public key from an SPKI PEM or its base64. */
export function parseEd25519PublicKey(text: string): KeyObject {
  return parseEd25519(text, (pem) => createPublicKey({ key: pem, format: 'pem' }), 'public key');
}

/** The public half of a key pair (a public key is its own). */
function publicHalf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

/** The raw 32 bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const der = publicHalf(key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** First 16 hex characters of the SHA-256 of the raw public key: names a key in a signature. */
export function ed25519KeyId(key: KeyObject): string {
  return createHash('sha256').update(rawEd25519PublicKey(key)).digest('hex').slice(0, 16);
}

/** The SPKI PEM of a key's public half. */
export function publicKeyPem(key: KeyObject): string {
  return publicHalf(key).export({ format: 'pem', type: 'spki' }).toString();
}
