import { Injectable } from '@nestjs/common';
import { RepositoryContext } from '@rct/database';
import { FindOptionsWhere, IsNull, Not, Repository } from 'typeorm';
import { RefreshTokenFamilyEntity } from '../entities/refresh-token-family.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

/** A presented refresh token with its family, both rows locked until the transaction ends. */
export interface PresentedToken {
  tokenId: string;
  familyId: string;
  userId: string;
  tokenExpiresAt: Date;
  spentAt: Date | null;
  familyExpiresAt: Date;
  familyRevokedAt: Date | null;
}

export interface NewFamily {
  userId: string;
  lastUsedAt: Date;
  expiresAt: Date;
}

export interface NewToken {
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

/** The refresh token families (sessions) and their tokens, in the request's transaction. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly context: RepositoryContext) {}

  private get families(): Repository<RefreshTokenFamilyEntity> {
    return this.context.txHost.tx.getRepository(RefreshTokenFamilyEntity);
  }

  private get tokens(): Repository<RefreshTokenEntity> {
    return this.context.txHost.tx.getRepository(RefreshTokenEntity);
  }

  /** Starts a live family and answers its id. */
  async insertFamily(family: NewFamily): Promise<string> {
    const result = await this.families.insert({ ...family, revokedAt: null, revokedReason: null });
    return (result.identifiers[0] as Pick<RefreshTokenFamilyEntity, 'id'>).id;
  }

  async insertToken(token: NewToken): Promise<void> {
    await this.tokens.insert({ ...token, spentAt: null });
  }

  /**
   * The token with this hash and its family, both locked: of two concurrent uses of one token,
   * the second waits for the first to commit and then sees it spent.
   */
  async lockByHash(tokenHash: string): Promise<PresentedToken | null> {
    const row = await this.tokens
      .createQueryBuilder('token')
      .innerJoin(RefreshTokenFamilyEntity, 'family', 'family.id = token.familyId')
      .select('token.id', 'tokenId')
      .addSelect('token.familyId', 'familyId')
      .addSelect('family.userId', 'userId')
      .addSelect('token.expiresAt', 'tokenExpiresAt')
      .addSelect('token.spentAt', 'spentAt')
      .addSelect('family.expiresAt', 'familyExpiresAt')
      .addSelect('family.revokedAt', 'familyRevokedAt')
      .where('token.tokenHash = :tokenHash', { tokenHash })
      .setLock('pessimistic_write', undefined, ['token', 'family'])
      .getRawOne<PresentedToken>();
    return row ?? null;
  }

  async markSpent(tokenId: string, at: Date): Promise<void> {
    await this.tokens.update({ id: tokenId }, { spentAt: at });
  }

  async touchFamily(familyId: string, at: Date): Promise<void> {
    await this.families.update({ id: familyId }, { lastUsedAt: at });
  }

  /** Revokes the family unless it already is (the first reason stays). */
  async revokeFamily(familyId: string, reason: string, at: Date): Promise<void> {
    await this.families.update(
      { id: familyId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
  }

  /** Revokes every live family of the user, but the one named in `exceptFamilyId`. */
  async revokeFamiliesOfUser(
    userId: string,
    reason: string,
    at: Date,
    exceptFamilyId?: string,
  ): Promise<void> {
    const where: FindOptionsWhere<RefreshTokenFamilyEntity> = {
      userId,
      revokedAt: IsNull(),
      ...(exceptFamilyId ? { id: Not(exceptFamilyId) } : {}),
    };
    await this.families.update(where, { revokedAt: at, revokedReason: reason });
  }
}
