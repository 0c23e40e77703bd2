import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfigService } from '@rct/config';
import { randomUUID } from 'node:crypto';
import { SessionUser } from '../session-user';

/** Claims of our access tokens; `sid` names the refresh token family (the session). */
export interface AccessTokenClaims {
  sub: string;
  role: string;
  sid: string;
  typ: 'access';
  jti: string;
  /** Issued-at with millisecond precision, so it compares exactly with tokensValidAfter. */
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfigService,
  ) {}

  get ttlSeconds(): number {
    return this.config.get('JWT_ACCESS_TTL');
  }

  sign(user: Pick<SessionUser, 'id' | 'role'>, sessionId: string): Promise<string> {
    return this.jwt.signAsync({
      sub: user.id,
      role: user.role,
      sid: sessionId,
      typ: 'access',
      jti: randomUUID(),
      iat: Date.now() / 1000,
    });
  }
}
