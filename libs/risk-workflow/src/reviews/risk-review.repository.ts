import { Injectable } from '@nestjs/common';
import { EntityPage, RepositoryContext } from '@rct/database';
import { QueryDeepPartialEntity, Repository } from 'typeorm';
import { RiskReviewEntity } from './entities/risk-review.entity';

/** Reviews are written once and read by risk, newest first. */
@Injectable()
export class RiskReviewRepository {
  constructor(private readonly context: RepositoryContext) {}

  private get repository(): Repository<RiskReviewEntity> {
    return this.context.txHost.tx.getRepository(RiskReviewEntity);
  }

  /** Inserts and answers the stored row, with reviewedAt from the database. */
  async insert(values: QueryDeepPartialEntity<RiskReviewEntity>): Promise<RiskReviewEntity> {
    const result = await this.repository
      .createQueryBuilder()
      .insert()
      .values(values)
      .returning('*')
      .execute();
    const id = (result.identifiers[0] as { id: string }).id;
    return this.repository.findOneByOrFail({ id });
  }

  async listByRisk(
    riskId: string,
    page: { limit: number; offset: number },
  ): Promise<EntityPage<RiskReviewEntity>> {
    const [items, total] = await this.repository
      .createQueryBuilder('review')
      .where('review.riskId = :riskId', { riskId })
      .orderBy('review.reviewedAt', 'DESC')
      .addOrderBy('review.id', 'ASC')
      .limit(page.limit)
      .offset(page.offset)
      .getManyAndCount();
    return { items, total };
  }
}
