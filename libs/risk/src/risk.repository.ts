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
import { RISK_SORT_FIELDS, RiskSortField } from './dto/list-risks-query.dto';
import { RiskEntity } from './entities/risk.entity';
import { RiskSeverity } from './enums/risk-severity.enum';
import { RiskStatus } from './enums/risk-status.enum';
import { RiskTreatment } from './enums/risk-treatment.enum';

export interface RiskFilter {
  status?: RiskStatus;
  severity?: RiskSeverity;
  treatment?: RiskTreatment;
  ownerId?: string;
  category?: string;
  /** Whether nextReviewAt has passed (at `now`). */
  reviewDue?: boolean;
}

const RISK_LISTING: Listing<RiskSortField> = {
  sortFields: RISK_SORT_FIELDS,
  defaultSort: { field: 'inherentScore', direction: 'DESC' },
  searchColumn: 'search',
  cached: true,
};

@Injectable()
export class RiskRepository extends VersionedRepository<RiskEntity> {
  constructor(context: RepositoryContext) {
    super(context, RiskEntity, 'risk');
  }

  list(filter: RiskFilter, page: PageRequest, now: Date): Promise<EntityPage<RiskEntity>> {
    const readsClock = filter.reviewDue !== undefined;
    return this.page(filter, () => this.filtered(filter, now), page, RISK_LISTING, { readsClock });
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from RISK_EXPORT_FIELDS).
   */
  exportQuery(filter: RiskFilter, order: ListOrder, now: Date, values: string[]): ExportQuery {
    return this.listValuesQuery(() => this.filtered(filter, now), order, RISK_LISTING, values);
  }

  /** The risks `filter` selects; reviewDue compares nextReviewAt with `now`. */
  private filtered(filter: RiskFilter, now: Date) {
    const { reviewDue, ...equal } = filter;
    const builder = this.whereEqual(this.select(), equal);
    if (reviewDue === true) {
      builder.andWhere('risk.nextReviewAt <= :now', { now });
    } else if (reviewDue === false) {
      builder.andWhere('(risk.nextReviewAt IS NULL OR risk.nextReviewAt > :now)', { now });
    }
    return builder;
  }
}
