import { Logger } from '@nestjs/common';
import { ed25519KeyId, parseEd25519PrivateKey, publicKeyPem } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { signCheckpoint } from './checkpoint-signature';

const KEY_FILE = 'audit-signing-key.pem';

function generatePem(): string {
  return generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
}

/**
 * Reads DATA_DIR's development key, creating it on first use. `wx` makes two processes that
 * start together agree on one key instead of overwriting each other's.
 */
function developmentKeyPem(dataDir: string): string {
  const path = join(resolve(dataDir), KEY_FILE);
  mkdirSync(resolve(dataDir), { recursive: true });
  try {
    writeFileSync(path, generatePem(), { flag: 'wx', mode: 0o600 });
    new Logger('Audit').warn(
      `AUDIT_SIGNING_KEY is not set: generated a checkpoint signing key in ${path} (development only).`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8');
}

/** The Ed25519 key that signs audit checkpoints; held by the server, never by the database. */
export class AuditSigningKey {
  readonly keyId: string;
  readonly publicKeyPem: string;

  constructor(private readonly privateKey: KeyObject) {
    this.keyId = ed25519KeyId(privateKey);
    this.publicKeyPem = publicKeyPem(privateKey);
  }

  sign(seq: string, hash: string): string {
    return signCheckpoint(this.privateKey, seq, hash);
  }

  /**
   * AUDIT_SIGNING_KEY (required in production, see libs/config); else, under test, a key per
   * process, and in development one generated once into DATA_DIR.
   */
  static fromConfig(config: AppConfigService): AuditSigningKey {
    const configured = config.get('AUDIT_SIGNING_KEY');
    if (configured) return new AuditSigningKey(parseEd25519PrivateKey(configured));
    const pem =
      config.get('NODE_ENV') === 'test' ? generatePem() : developmentKeyPem(config.get('DATA_DIR'));
    return new AuditSigningKey(parseEd25519PrivateKey(pem));
  }
}
