import { Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, AuthUser, lowerRole } from '@rct/auth';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parseApiKeySecret } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';

/**
 * Turns an `X-API-Key` into the user it acts as. Nothing is cached: every request reads the key
 * and its owner, so a revocation, an expiry or the owner's deactivation or demotion takes
 * effect on the next request. A prefix that names no key is compared against a random hash, so
 * an unknown prefix costs what a known prefix with a wrong secret costs, and the answer's
 * timing does not tell the two apart.
 */
@Injectable()
export class ApiKeyVerifier extends ApiKeyAuthenticator {
  private readonly unknownKeyHash = randomBytes(32);

  constructor(private readonly keys: ApiKeyRepository) {
    super();
  }

  async authenticate(secret: string): Promise<AuthUser | undefined> {
    const presented = parseApiKeySecret(secret);
    if (!presented) return undefined;
    const credential = await this.keys.findCredential(presented.prefix);
    const matches = timingSafeEqual(credential?.secretHash ?? this.unknownKeyHash, presented.hash);
    if (!matches || !credential?.live) return undefined;
    if (!credential.usedRecently) await this.keys.touchLastUsed(credential.id);
    return {
      id: credential.userId,
      email: credential.email,
      fullName: credential.fullName,
      role: lowerRole(credential.keyRole, credential.ownerRole),
      sessionId: null,
      apiKeyId: credential.id,
    };
  }
}
