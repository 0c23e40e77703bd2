import { Logger } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { randomBytes } from 'node:crypto';

export const JWT_ISSUER = 'risk-compliance-tracker';
export const JWT_AUDIENCE = 'rct-api';
export const JWT_ALGORITHM = 'HS256';

/** The HMAC key for access tokens: JWT_SECRET, or outside production a random one per process. */
export class SigningKey {
  constructor(readonly secret: string) {}

  static fromConfig(config: AppConfigService): SigningKey {
    const configured = config.get('JWT_SECRET');
    if (configured) return new SigningKey(configured);
    new Logger('Auth').warn(
      'JWT_SECRET is not set: using a random key, so access tokens end when the process does.',
    );
    return new SigningKey(randomBytes(48).toString('base64url'));
  }
}
