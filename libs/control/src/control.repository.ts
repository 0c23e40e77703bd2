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
import { SelectQueryBuilder } from 'typeorm';
import { CONTROL_SORT_FIELDS, ControlSortField } from './dto/list-controls-query.dto';
import { ControlEntity } from './entities/control.entity';
import { ControlEffectiveness } from './enums/control-effectiveness.enum';
import { ControlImplementationStatus } from './enums/control-implementation-status.enum';
import { ControlType } from './enums/control-type.enum';

export interface ControlFilter {
  riskId?: string;
  implementationStatus?: ControlImplementationStatus;
  effectiveness?: ControlEffectiveness;
  type?: ControlType;
  ownerId?: string;
  /** Controls whose frameworkRefs include this clause. */
  frameworkRef?: string;
}

const CONTROL_LISTING: Listing<ControlSortField> = {
  sortFields: CONTROL_SORT_FIELDS,
  defaultSort: { field: 'code', direction: 'ASC' },
  searchColumn: 'search',
  cached: true,
};

@Injectable()
export class ControlRepository extends VersionedRepository<ControlEntity> {
  constructor(context: RepositoryContext) {
    super(context, ControlEntity, 'control');
  }

  list(filter: ControlFilter, page: PageRequest): Promise<EntityPage<ControlEntity>> {
    return this.page(filter, () => this.filtered(filter), page, CONTROL_LISTING);
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from CONTROL_EXPORT_FIELDS).
   */
  exportQuery(filter: ControlFilter, order: ListOrder, values: string[]): ExportQuery {
    return this.listValuesQuery(() => this.filtered(filter), order, CONTROL_LISTING, values);
  }

  private filtered(filter: ControlFilter): SelectQueryBuilder<ControlEntity> {
    const { frameworkRef, ...equal } = filter;
    const builder = this.whereEqual(this.select(), equal);
    if (frameworkRef) {
      builder.andWhere(':frameworkRef = ANY(control.frameworkRefs)', { frameworkRef });
    }
    return builder;
  }

  /** Codes are unique regardless of case (index controls_code_key on lower(code)). */
  isCodeTaken(code: string): Promise<boolean> {
    return this.select().where('lower(control.code) = lower(:code)', { code }).getExists();
  }
}
