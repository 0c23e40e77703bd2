import { Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@rct/common';
import { verify } from 'jsonwebtoken';
import { AuthUser, UserAccounts } from '../session-user';
import { AccessTokenClaims } from './access-token.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, SigningKey } from './signing-key';

const NO_VALID_TOKEN = 'A valid bearer access token is required.';

/**
 * Turns a bearer access token into the signed-in user: algorithm, signature, iss, aud and exp
 * are pinned, then the user is loaded in one primary-key query, so deactivated users and
 * tokens older than the user's last password or role change are refused.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly key: SigningKey,
    private readonly accounts: UserAccounts,
  ) {}

  /** The user of an `Authorization` header's value; 401 for anything else. */
  async authenticate(authorization: string | undefined): Promise<AuthUser> {
    return this.validate(this.verifiedClaims(bearerToken(authorization)));
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthUser> {
    const wellFormed =
      claims.typ === 'access' &&
      typeof claims.sub === 'string' &&
      typeof claims.sid === 'string' &&
      typeof claims.jti === 'string' &&
      typeof claims.iat === 'number' &&
      typeof claims.exp === 'number';
    if (!wellFormed) throw new UnauthorizedError('The access token is not one this API issued.');
    const user = await this.accounts.findSessionUser(claims.sub!);
    if (!user || !user.isActive) throw new UnauthorizedError('The account is not active.');
    if (claims.iat! * 1000 < user.tokensValidAfter.getTime()) {
      throw new UnauthorizedError('The access token was revoked; sign in again.');
    }
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      role: user.role,
      sessionId: claims.sid!,
    };
  }

  private verifiedClaims(token: string): Partial<AccessTokenClaims> {
    try {
      const claims = verify(token, this.key.verificationKey, {
        algorithms: [JWT_ALGORITHM],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      return typeof claims === 'object' ? (claims as Partial<AccessTokenClaims>) : {};
    } catch {
      throw new UnauthorizedError(NO_VALID_TOKEN);
    }
  }
}

/** `Bearer <token>`, the scheme case-insensitive (RFC 7235). */
function bearerToken(authorization: string | undefined): string {
  const match = /^bearer +([^\s]+)$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError(NO_VALID_TOKEN);
  return match[1];
}
