import { Injectable } from '@nestjs/common';
import {
  EntityPage,
  Listing,
  ListOrder,
  PageRequest,
  RepositoryContext,
  ExportQuery,
  VersionedRepository,
} from '@rct/database';
import { RiskAcceptanceStatus } from '../enums/risk-acceptance-status.enum';
import { RiskAcceptanceEntity } from './entities/risk-acceptance.entity';

export interface RiskAcceptanceFilter {
  riskId?: string;
  status?: RiskAcceptanceStatus;
  expiresBefore?: Date;
}

type AcceptanceSortField = 'requestedAt';

const ACCEPTANCE_LISTING: Listing<AcceptanceSortField> = {
  sortFields: ['requestedAt'],
  defaultSort: { field: 'requestedAt', direction: 'DESC' },
};

const OPEN = [RiskAcceptanceStatus.Requested, RiskAcceptanceStatus.Approved];

@Injectable()
export class RiskAcceptanceRepository extends VersionedRepository<RiskAcceptanceEntity> {
  constructor(context: RepositoryContext) {
    super(context, RiskAcceptanceEntity, 'acceptance');
  }

  list(filter: RiskAcceptanceFilter, page: PageRequest): Promise<EntityPage<RiskAcceptanceEntity>> {
    return this.page(filter, () => this.filtered(filter), page, ACCEPTANCE_LISTING);
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from RISK_ACCEPTANCE_EXPORT_FIELDS).
   */
  exportQuery(filter: RiskAcceptanceFilter, order: ListOrder, values: string[]): ExportQuery {
    return this.listValuesQuery(() => this.filtered(filter), order, ACCEPTANCE_LISTING, values);
  }

  private filtered(filter: RiskAcceptanceFilter) {
    const { expiresBefore, ...equal } = filter;
    const builder = this.whereEqual(this.select(), equal);
    if (expiresBefore) {
      builder.andWhere('acceptance.expiresAt < :expiresBefore', { expiresBefore });
    }
    return builder;
  }

  /** Whether the risk has a requested or approved acceptance (the unique index backs this). */
  hasOpen(riskId: string): Promise<boolean> {
    return this.select()
      .where('acceptance.riskId = :riskId', { riskId })
      .andWhere('acceptance.status IN (:...open)', { open: OPEN })
      .getExists();
  }

  /**
   * Locks the next approved acceptance whose expiresAt has passed, skipping rows another
   * instance holds: of several instances each claims a different one, and a row one of them
   * expired no longer matches (PostgreSQL re-checks the WHERE on the locked row).
   */
  claimNextExpired(now: Date): Promise<RiskAcceptanceEntity | null> {
    return this.select()
      .where('acceptance.status = :status', { status: RiskAcceptanceStatus.Approved })
      .andWhere('acceptance.expiresAt <= :now', { now })
      .orderBy('acceptance.expiresAt', 'ASC')
      .addOrderBy('acceptance.id', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }
}
