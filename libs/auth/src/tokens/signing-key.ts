import { AppConfigService } from '@rct/config';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';

export const JWT_ISSUER = 'risk-compliance-tracker';
export const JWT_AUDIENCE = 'rct-api';
export const JWT_ALGORITHM = 'HS256';

/** The HMAC key for access tokens: JWT_SECRET, or outside production a random one per process. */
export class SigningKey {
  /**
   * The same key as a KeyObject, for verifying: given a string, jsonwebtoken first tries
   * createPublicKey() on it and throws (a costly exception) on every request.
   */
  readonly verificationKey: KeyObject;

  constructor(readonly secret: string) {
    this.verificationKey = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  static fromConfig(config: AppConfigService): SigningKey {
    const configured = config.get('JWT_SECRET');
    // The server warns when it starts without one; CLIs that sign nothing stay quiet.
    if (configured) return new SigningKey(configured);
    return new SigningKey(randomBytes(48).toString('base64url'));
  }
}
