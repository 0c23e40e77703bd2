import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ValidationFailedError } from '@rct/common';
import { InvalidCredentialsError, InvalidRefreshTokenError } from './auth.errors';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { SessionAudit, SessionAuditEvent } from './session-audit';
import { SessionUser, UserAccounts } from './session-user';
import { USER_SESSIONS_REVOKED, UserSessionsRevokedEvent } from './sessions-revoked.event';
import { AccessTokenService } from './tokens/access-token.service';
import { IssuedRefreshToken, RefreshTokenService } from './tokens/refresh-token.service';
import { LoginThrottler } from './throttling/login-throttler';
import { PasswordChangeThrottler } from './throttling/password-change-throttler';

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttler: LoginThrottler,
    private readonly passwordThrottler: PasswordChangeThrottler,
    private readonly audit: SessionAudit,
  ) {}

  async login(dto: LoginDto, ip: string): Promise<TokenPairDto> {
    // Described up front, so a throttled or failed attempt is recorded with the e-mail tried.
    this.describeSession('login_failed', null, {
      id: null,
      email: dto.email.trim().toLowerCase().slice(0, 254),
      role: null,
    });
    await this.throttler.admit(dto.email, ip);
    const user = await this.accounts.verifyCredentials(dto.email, dto.password);
    if (!user || !user.isActive) throw new InvalidCredentialsError();
    await this.throttler.recordSuccess(dto.email, ip);
    const session = await this.refreshTokens.issue(user.id);
    this.describeSession('login', session.familyId, actorOf(user));
    return this.tokenPair(user, session);
  }

  async refresh(presented: string): Promise<TokenPairDto> {
    this.describeSession('refresh', null);
    const next = await this.refreshTokens.rotate(presented, (familyId) =>
      this.describeSession('token_reuse', familyId),
    );
    const user = await this.accounts.findSessionUser(next.userId);
    if (!user || !user.isActive) throw new InvalidRefreshTokenError();
    this.describeSession('refresh', next.familyId, actorOf(user));
    return this.tokenPair(user, next);
  }

  async logout(presented: string, userId: string): Promise<void> {
    const familyId = await this.refreshTokens.revokeByToken(presented, userId, 'logout');
    this.describeSession('logout', familyId);
    if (!familyId) throw new InvalidRefreshTokenError();
  }

  /** Ends every other session of the caller; the caller's own refresh token keeps working. */
  async changePassword(
    userId: string,
    sessionId: string | undefined,
    dto: ChangePasswordDto,
    ip: string,
  ): Promise<void> {
    await this.passwordThrottler.admit(userId, ip);
    if (!(await this.accounts.verifyPassword(userId, dto.currentPassword))) {
      throw new ValidationFailedError([
        { field: 'currentPassword', message: 'currentPassword is incorrect' },
      ]);
    }
    if (dto.newPassword === dto.currentPassword) {
      throw new ValidationFailedError([
        { field: 'newPassword', message: 'newPassword must differ from currentPassword' },
      ]);
    }
    await this.passwordThrottler.recordSuccess(userId, ip);
    await this.accounts.setPassword(userId, dto.newPassword);
    await this.refreshTokens.revokeAllForUser(userId, 'password_change', sessionId);
    this.audit.describe({ action: 'password_change', entityId: userId });
  }

  @OnEvent(USER_SESSIONS_REVOKED, { suppressErrors: false })
  async onSessionsRevoked(event: UserSessionsRevokedEvent): Promise<void> {
    await this.refreshTokens.revokeAllForUser(event.userId, event.reason);
  }

  private describeSession(
    action: SessionAuditEvent['action'],
    familyId: string | null,
    actor?: SessionAuditEvent['actor'],
  ) {
    this.audit.describe({ action, entityId: familyId, actor });
  }

  private async tokenPair(user: SessionUser, refresh: IssuedRefreshToken): Promise<TokenPairDto> {
    return {
      accessToken: await this.accessTokens.sign(user, refresh.familyId),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
      user: { id: user.id, email: user.email, fullName: user.fullName, role: user.role },
    };
  }
}

function actorOf(user: SessionUser): SessionAuditEvent['actor'] {
  return { id: user.id, email: user.email, role: user.role };
}
