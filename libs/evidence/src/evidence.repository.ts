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
import { Repository, SelectQueryBuilder } from 'typeorm';
import { EVIDENCE_SORT_FIELDS, EvidenceSortField } from './dto/list-evidence-query.dto';
import { EvidenceFileEntity } from './entities/evidence-file.entity';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceKind } from './enums/evidence-kind.enum';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';

export interface EvidenceFilter {
  controlId?: string;
  reviewStatus?: EvidenceReviewStatus;
  kind?: EvidenceKind;
  submittedById?: string;
  /** true: validUntil has passed; false: no validUntil, or not passed yet. */
  expired?: boolean;
}

/** A piece of evidence with the bytes of its file (null if none is stored). */
export interface EvidenceWithContent {
  evidence: EvidenceEntity;
  content: Buffer | null;
}

/** Not cached: each item's `expired` is judged against the clock, not a function of its row. */
const EVIDENCE_LISTING: Listing<EvidenceSortField> = {
  sortFields: EVIDENCE_SORT_FIELDS,
  defaultSort: { field: 'collectedAt', direction: 'DESC' },
  searchColumn: 'search',
};

/** The evidence table, and evidence_files beside it, which holds the bytes of each file. */
@Injectable()
export class EvidenceRepository extends VersionedRepository<EvidenceEntity> {
  constructor(context: RepositoryContext) {
    super(context, EvidenceEntity, 'evidence');
  }

  private get files(): Repository<EvidenceFileEntity> {
    return this.manager.getRepository(EvidenceFileEntity);
  }

  /** `now` is the moment `expired` is judged at: the one the caller judges each item's by. */
  list(filter: EvidenceFilter, page: PageRequest, now: Date): Promise<EntityPage<EvidenceEntity>> {
    return this.page(filter, () => this.filtered(filter, now), page, EVIDENCE_LISTING, {
      readsClock: filter.expired !== undefined,
    });
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from EVIDENCE_EXPORT_FIELDS). `expired` is judged at `now`.
   */
  exportQuery(filter: EvidenceFilter, order: ListOrder, now: Date, values: string[]): ExportQuery {
    return this.listValuesQuery(
      () => this.filtered(filter, now).setParameter('now', now),
      order,
      EVIDENCE_LISTING,
      values,
    );
  }

  private filtered(filter: EvidenceFilter, now: Date): SelectQueryBuilder<EvidenceEntity> {
    const { expired, ...equal } = filter;
    const builder = this.whereEqual(this.select(), equal);
    if (expired === true) {
      builder.andWhere('evidence.validUntil < :now', { now });
    } else if (expired === false) {
      builder.andWhere('(evidence.validUntil IS NULL OR evidence.validUntil >= :now)', { now });
    }
    return builder;
  }

  /**
   * The evidence and its file's bytes in one statement, so that metadata and bytes come from
   * the same snapshot even while an upload replaces them.
   */
  async findWithContent(id: string): Promise<EvidenceWithContent | null> {
    const { entities, raw } = await this.select()
      .leftJoin(EvidenceFileEntity, 'stored', 'stored.evidenceId = evidence.id')
      .addSelect('stored.content', 'stored_content')
      .where('evidence.id = :id', { id })
      .getRawAndEntities<{ stored_content: Buffer | null }>();
    const evidence = entities[0];
    return evidence ? { evidence, content: raw[0]?.stored_content ?? null } : null;
  }

  /** Stores the file's bytes, replacing any earlier ones. */
  async saveContent(evidenceId: string, content: Buffer): Promise<void> {
    await this.files.upsert({ evidenceId, content }, ['evidenceId']);
  }
}
