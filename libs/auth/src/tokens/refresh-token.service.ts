import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { createHash, randomBytes } from 'node:crypto';
import { InvalidRefreshTokenError, RefreshTokenReuseError } from '../auth.errors';
import { PresentedToken, RefreshTokenRepository } from './refresh-token.repository';

export type RevocationReason =
  'logout' | 'reuse' | 'password_change' | 'password_reset' | 'deactivated';

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  userId: string;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Opaque, rotating refresh tokens grouped in families (RFC 9700): each use spends the token
 * and issues the next; a spent token presented again revokes its whole family.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly repository: RefreshTokenRepository,
    private readonly config: AppConfigService,
  ) {}

  /** Starts a new family for a fresh sign-in. */
  async issue(userId: string): Promise<IssuedRefreshToken> {
    const now = Date.now();
    const expiresAt = new Date(now + this.config.get('REFRESH_TOKEN_ABSOLUTE_TTL') * 1000);
    const familyId = await this.repository.insertFamily({
      userId,
      lastUsedAt: new Date(now),
      expiresAt,
    });
    return { token: await this.addToken(familyId, expiresAt), familyId, userId };
  }

  /**
   * Spends the presented token and returns its successor. Rows are locked, so of two
   * concurrent refreshes with one token, the second sees it spent and revokes the family.
   */
  async rotate(
    presented: string,
    onReuse: (familyId: string) => void = () => undefined,
  ): Promise<IssuedRefreshToken> {
    const row = await this.lockPresented(presented);
    if (!row) throw new InvalidRefreshTokenError();
    const now = new Date();
    if (row.spentAt) {
      onReuse(row.familyId);
      await this.repository.revokeFamily(row.familyId, 'reuse', now);
      // Keeps its writes: the revocation commits although the request fails.
      throw new RefreshTokenReuseError();
    }
    if (row.familyRevokedAt || row.familyExpiresAt <= now || row.tokenExpiresAt <= now) {
      throw new InvalidRefreshTokenError();
    }
    await this.repository.markSpent(row.tokenId, now);
    await this.repository.touchFamily(row.familyId, now);
    return {
      token: await this.addToken(row.familyId, row.familyExpiresAt),
      familyId: row.familyId,
      userId: row.userId,
    };
  }

  /** Revokes the family of a token the given user presents; null if it is not theirs. */
  async revokeByToken(
    presented: string,
    userId: string,
    reason: RevocationReason,
  ): Promise<string | null> {
    const row = await this.lockPresented(presented);
    if (!row || row.userId !== userId) return null;
    await this.repository.revokeFamily(row.familyId, reason, new Date());
    return row.familyId;
  }

  async revokeAllForUser(
    userId: string,
    reason: RevocationReason,
    exceptFamilyId?: string,
  ): Promise<void> {
    await this.repository.revokeFamiliesOfUser(userId, reason, new Date(), exceptFamilyId);
  }

  private lockPresented(presented: string): Promise<PresentedToken | null> {
    return this.repository.lockByHash(hashRefreshToken(presented));
  }

  /** The next token of a family: idle expiry, never past the family's absolute expiry. */
  private async addToken(familyId: string, familyExpiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const idleExpiry = Date.now() + this.config.get('REFRESH_TOKEN_IDLE_TTL') * 1000;
    await this.repository.insertToken({
      familyId,
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(Math.min(idleExpiry, familyExpiresAt.getTime())),
    });
    return token;
  }
}
