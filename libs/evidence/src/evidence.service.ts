import { Injectable } from '@nestjs/common';
import { AuthUser } from '@rct/auth';
import {
  assertVersion,
  AuditAction,
  AuditContext,
  AuditEntityType,
  Page,
  SqlWhere,
} from '@rct/common';
import { ControlService } from '@rct/control';
import { EntityStore, EntityStores, Listing } from '@rct/database';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { EvidenceResponseDto } from './dto/evidence-response.dto';
import { EvidenceSortField, ListEvidenceQueryDto } from './dto/list-evidence-query.dto';
import { ReviewEvidenceDto } from './dto/review-evidence.dto';
import { UpdateEvidenceDto } from './dto/update-evidence.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewDecision, EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { assertMayChangeEvidence } from './evidence-access';
import { EvidenceNotFoundError, EvidenceValidityWindowError } from './evidence.errors';
import { toEvidenceResponse } from './evidence.mapper';

const SORT_COLUMNS: Record<EvidenceSortField, string> = {
  title: 'evidence.title',
  kind: 'evidence.kind',
  reviewStatus: 'evidence.review_status',
  collectedAt: 'evidence.collected_at',
  validUntil: 'evidence.valid_until',
  createdAt: 'evidence.created_at',
  updatedAt: 'evidence.updated_at',
};

const EVIDENCE_LISTING: Listing<EvidenceSortField> = {
  alias: 'evidence',
  sortColumns: SORT_COLUMNS,
  defaultSort: { field: 'collectedAt', direction: 'DESC' },
};

const STATUS_BY_DECISION: Record<EvidenceReviewDecision, EvidenceReviewStatus> = {
  [EvidenceReviewDecision.Approved]: EvidenceReviewStatus.Approved,
  [EvidenceReviewDecision.Rejected]: EvidenceReviewStatus.Rejected,
};

@Injectable()
export class EvidenceService {
  private readonly evidence: EntityStore<EvidenceEntity>;

  constructor(
    stores: EntityStores,
    private readonly controls: ControlService,
    private readonly audit: AuditContext,
  ) {
    this.evidence = stores.for(EvidenceEntity, (id) => new EvidenceNotFoundError(id));
  }

  async create(dto: CreateEvidenceDto, user: AuthUser): Promise<EvidenceResponseDto> {
    assertValidityWindow(dto.collectedAt, dto.validUntil ?? null);
    await this.controls.assertExists(dto.controlId);
    const evidence = await this.evidence.insert({
      ...dto,
      description: dto.description ?? '',
      url: dto.url ?? null,
      validUntil: dto.validUntil ?? null,
      reviewStatus: EvidenceReviewStatus.PendingReview,
      submittedById: user.id,
    });
    const created = toEvidenceResponse(evidence);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Evidence, null, created);
    return created;
  }

  async list(query: ListEvidenceQueryDto): Promise<Page<EvidenceResponseDto>> {
    const now = new Date();
    const where = new SqlWhere().equal({
      'evidence.control_id': query.controlId,
      'evidence.review_status': query.reviewStatus,
      'evidence.kind': query.kind,
      'evidence.submitted_by_id': query.submittedById,
    });
    if (query.expired === true) {
      where.and(`evidence.valid_until < ${where.param(now)}`);
    } else if (query.expired === false) {
      const at = where.param(now);
      where.and(`(evidence.valid_until IS NULL OR evidence.valid_until >= ${at})`);
    }
    return this.evidence.list(where, query, EVIDENCE_LISTING, (row) =>
      toEvidenceResponse(row, now),
    );
  }

  async get(id: string): Promise<EvidenceResponseDto> {
    return toEvidenceResponse(await this.evidence.find(id));
  }

  async update(
    id: string,
    dto: UpdateEvidenceDto,
    user: AuthUser,
    expectedVersion?: number,
  ): Promise<EvidenceResponseDto> {
    const evidence = await this.lockForChange(id, user, expectedVersion);
    const before = toEvidenceResponse(evidence);
    assertValidityWindow(
      dto.collectedAt ?? evidence.collectedAt,
      dto.validUntil !== undefined ? dto.validUntil : evidence.validUntil,
    );
    const after = toEvidenceResponse(await this.evidence.update(evidence, dto));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Evidence, before, after);
    return after;
  }

  /** The stored file goes with it (ON DELETE CASCADE). */
  async remove(id: string, user: AuthUser, expectedVersion?: number): Promise<void> {
    const evidence = await this.lockForChange(id, user, expectedVersion);
    await this.evidence.remove(evidence);
    this.audit.describeChange(
      AuditAction.Delete,
      AuditEntityType.Evidence,
      toEvidenceResponse(evidence),
      null,
    );
  }

  /** Accepts or rejects; a later upload sends it back to pending review. */
  async review(
    id: string,
    dto: ReviewEvidenceDto,
    reviewer: AuthUser,
    expectedVersion?: number,
  ): Promise<EvidenceResponseDto> {
    const evidence = await this.evidence.lock(id, expectedVersion);
    const before = toEvidenceResponse(evidence);
    const updated = await this.evidence.update(evidence, {
      reviewStatus: STATUS_BY_DECISION[dto.decision],
      reviewedById: reviewer.id,
      reviewedAt: new Date(),
      reviewComment: dto.comment || null,
    });
    const after = toEvidenceResponse(updated);
    this.audit.describeChange(AuditAction.Review, AuditEntityType.Evidence, before, after);
    return after;
  }

  /** 404 before 403 before 412: a caller learns about versions only of what they may change. */
  private async lockForChange(
    id: string,
    user: AuthUser,
    expectedVersion?: number,
  ): Promise<EvidenceEntity> {
    const evidence = await this.evidence.lock(id);
    assertMayChangeEvidence(user, evidence);
    assertVersion(expectedVersion, evidence.version);
    return evidence;
  }
}

function assertValidityWindow(collectedAt: Date, validUntil: Date | null): void {
  if (validUntil !== null && validUntil.getTime() < collectedAt.getTime()) {
    throw new EvidenceValidityWindowError();
  }
}
