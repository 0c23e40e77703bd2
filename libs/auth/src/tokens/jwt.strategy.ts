import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { UnauthorizedError } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser, UserAccounts } from '../session-user';
import { AccessTokenClaims } from './access-token.service';
import { JWT_ALGORITHM, JWT_AUDIENCE, JWT_ISSUER, SigningKey } from './signing-key';
import { VerifiedTokenCache } from './verified-token-cache';

/** The token of an `Authorization: Bearer …` header, as passport-jwt reads it. */
export const extractBearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Verifies the bearer token (algorithm, signature, iss, aud, exp pinned), then loads the user
 * in one primary-key query: deactivated users and tokens older than the user's last password
 * or role change are refused. Verified tokens are remembered (VerifiedTokenCache), so the
 * guard can skip passport for a token it has seen; the user checks run every time.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    key: SigningKey,
    private readonly accounts: UserAccounts,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {
    super({
      jwtFromRequest: extractBearerToken,
      // A KeyObject: passport-jwt hands it to jsonwebtoken, which accepts one.
      secretOrKey: key.verificationKey as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** Called by passport once the token's signature and registered claims are verified. */
  async validate(
    request: Pick<FastifyRequest, 'headers'>,
    claims: Partial<AccessTokenClaims>,
  ): Promise<AuthUser> {
    const user = await this.sessionUser(claims);
    this.verifiedTokens.remember(extractBearerToken(request)!, claims as AccessTokenClaims);
    return user;
  }

  /** The signed-in user for verified claims, if the account may still use them. */
  async sessionUser(claims: Partial<AccessTokenClaims>): Promise<AuthUser> {
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
}
