import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppConfigService } from '@rct/config';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Not } from 'typeorm';
import { InvalidRefreshTokenError, RefreshTokenReuseError } from '../auth.errors';
import { RefreshTokenFamilyEntity } from '../entities/refresh-token-family.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

export type RevocationReason =
  'logout' | 'reuse' | 'password_change' | 'password_reset' | 'deactivated';

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  userId: string;
}

interface PresentedTokenRow {
  token_id: string;
  family_id: string;
  user_id: string;
  token_expires_at: Date;
  spent_at: Date | null;
  family_expires_at: Date;
  revoked_at: Date | null;
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
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: AppConfigService,
  ) {}

  private get families() {
    return this.txHost.tx.getRepository(RefreshTokenFamilyEntity);
  }

  private get tokens() {
    return this.txHost.tx.getRepository(RefreshTokenEntity);
  }

  /** Starts a new family for a fresh sign-in. */
  async issue(userId: string): Promise<IssuedRefreshToken> {
    const now = Date.now();
    const family = await this.families.save(
      this.families.create({
        userId,
        lastUsedAt: new Date(now),
        expiresAt: new Date(now + this.config.get('REFRESH_TOKEN_ABSOLUTE_TTL') * 1000),
        revokedAt: null,
        revokedReason: null,
      }),
    );
    return { token: await this.addToken(family), familyId: family.id, userId };
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
    if (row.spent_at) {
      onReuse(row.family_id);
      await this.revokeFamily(row.family_id, 'reuse');
      throw new RefreshTokenReuseError();
    }
    if (row.revoked_at || row.family_expires_at <= now || row.token_expires_at <= now) {
      throw new InvalidRefreshTokenError();
    }
    await this.tokens.update({ id: row.token_id }, { spentAt: now });
    await this.families.update({ id: row.family_id }, { lastUsedAt: now });
    const family = await this.families.findOneByOrFail({ id: row.family_id });
    return { token: await this.addToken(family), familyId: family.id, userId: row.user_id };
  }

  /** Revokes the family of a token the given user presents; null if it is not theirs. */
  async revokeByToken(
    presented: string,
    userId: string,
    reason: RevocationReason,
  ): Promise<string | null> {
    const row = await this.lockPresented(presented);
    if (!row || row.user_id !== userId) return null;
    await this.revokeFamily(row.family_id, reason);
    return row.family_id;
  }

  async revokeAllForUser(userId: string, reason: RevocationReason, exceptFamilyId?: string) {
    const families = await this.families.find({
      where: {
        userId,
        revokedAt: IsNull(),
        ...(exceptFamilyId ? { id: Not(exceptFamilyId) } : {}),
      },
      select: { id: true },
    });
    for (const family of families) await this.revokeFamily(family.id, reason);
  }

  private async revokeFamily(familyId: string, reason: RevocationReason): Promise<void> {
    await this.families.update(
      { id: familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  private async lockPresented(presented: string): Promise<PresentedTokenRow | undefined> {
    const rows: PresentedTokenRow[] = await this.txHost.tx.query(
      `SELECT t.id AS token_id, t.family_id, f.user_id, t.expires_at AS token_expires_at,
              t.spent_at, f.expires_at AS family_expires_at, f.revoked_at
         FROM refresh_tokens t
         JOIN refresh_token_families f ON f.id = t.family_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, f`,
      [hashRefreshToken(presented)],
    );
    return rows[0];
  }

  private async addToken(family: RefreshTokenFamilyEntity): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const idleExpiry = Date.now() + this.config.get('REFRESH_TOKEN_IDLE_TTL') * 1000;
    await this.tokens.insert({
      familyId: family.id,
      tokenHash: hashRefreshToken(token),
      expiresAt: new Date(Math.min(idleExpiry, family.expiresAt.getTime())),
      spentAt: null,
    });
    return token;
  }
}
