import { Injectable } from '@nestjs/common';
import {
  EntityPage,
  Listing,
  PageRequest,
  RepositoryContext,
  VersionedRepository,
} from '@rct/database';
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
    const { frameworkRef, ...equal } = filter;
    const build = () => {
      const builder = this.whereEqual(this.select(), equal);
      if (frameworkRef) {
        builder.andWhere(':frameworkRef = ANY(control.frameworkRefs)', { frameworkRef });
      }
      return builder;
    };
    return this.page(filter, build, page, CONTROL_LISTING);
  }

  /** Codes are unique regardless of case (index controls_code_key on lower(code)). */
  isCodeTaken(code: string): Promise<boolean> {
    return this.select().where('lower(control.code) = lower(:code)', { code }).getExists();
  }
}
