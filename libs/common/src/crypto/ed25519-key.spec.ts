import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  ed25519KeyId,
  parseEd25519PrivateKey,
  parseEd25519PublicKey,
  publicKeyPem,
  rawEd25519PublicKey,
} from './ed25519-key';

describe('ed25519-key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  describe(parseEd25519PrivateKey.name, () => {
    it('should read a PKCS#8 PEM and its base64 alike', () => {
      const fromPem = parseEd25519PrivateKey(pem);
      const fromBase64 = parseEd25519PrivateKey(Buffer.from(pem).toString('base64'));
      expect(ed25519KeyId(fromPem)).toBe(ed25519KeyId(fromBase64));
    });

    it('should read a PEM whose newlines were written as \\n', () => {
      expect(() => parseEd25519PrivateKey(pem.replace(/\n/g, '\\n'))).not.toThrow();
    });

    it('should refuse text that is no PEM, and keys of another type', () => {
      expect(() => parseEd25519PrivateKey('not a key')).toThrow(/neither a PEM/);
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString();
      expect(() => parseEd25519PrivateKey(rsa)).toThrow(/rsa key, not an Ed25519/);
    });
  });

  describe(ed25519KeyId.name, () => {
    it('should be the first 16 hex characters of the SHA-256 of the raw 32-byte key', () => {
      const raw = rawEd25519PublicKey(publicKey);
      expect(raw).toHaveLength(32);
      expect(raw).toEqual(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
      expect(ed25519KeyId(publicKey)).toBe(
        createHash('sha256').update(raw).digest('hex').slice(0, 16),
      );
      expect(ed25519KeyId(privateKey)).toBe(ed25519KeyId(publicKey));
    });
  });

  describe(parseEd25519PublicKey.name, () => {
    it('should read back the PEM publicKeyPem writes', () => {
      expect(ed25519KeyId(parseEd25519PublicKey(publicKeyPem(publicKey)))).toBe(
        ed25519KeyId(publicKey),
      );
    });
  });
});
