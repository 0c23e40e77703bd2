import { Injectable } from '@nestjs/common';
import {
  EntityPage,
  Listing,
  ListOrder,
  PageRequest,
  RepositoryContext,
  Snapshot,
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

  list(filter: RiskFilter, page: PageRequest): Promise<EntityPage<RiskEntity>> {
    return this.page(filter, () => this.whereEqual(this.select(), filter), page, RISK_LISTING);
  }

  /** What list() selects, in its order, unpaged, through a cursor in `snapshot`. */
  streamList(snapshot: Snapshot, filter: RiskFilter, order: ListOrder): AsyncGenerator<RiskEntity> {
    return this.streamAll(
      snapshot,
      () => this.whereEqual(this.select(), filter),
      order,
      RISK_LISTING,
    );
  }
}
