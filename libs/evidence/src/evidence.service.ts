import { Injectable, StreamableFile } from '@nestjs/common';
import { AuthUser } from '@rct/auth';
import { assertVersion, orNotFound, Page, toPage } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
  EntityHistory,
  HistoryKind,
  HistoryPageDto,
  HistoryQueryDto,
} from '@rct/audit';
import { ControlService } from '@rct/control';
import { CreateEvidenceDto } from './dto/create-evidence.dto';
import { ExportEvidenceQueryDto } from './dto/export-evidence-query.dto';
import { EvidenceResponseDto } from './dto/evidence-response.dto';
import { ListEvidenceQueryDto } from './dto/list-evidence-query.dto';
import { ReviewEvidenceDto } from './dto/review-evidence.dto';
import { UpdateEvidenceDto } from './dto/update-evidence.dto';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewDecision, EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { assertMayChangeEvidence } from './evidence-access';
import { EvidenceNotFoundError, EvidenceValidityWindowError } from './evidence.errors';
import { EVIDENCE_EXPORT_FIELDS } from './evidence.export';
import { toEvidenceResponse } from './evidence.mapper';
import { EvidenceFilter, EvidenceRepository } from './evidence.repository';

const STATUS_BY_DECISION: Record<EvidenceReviewDecision, EvidenceReviewStatus> = {
  [EvidenceReviewDecision.Approved]: EvidenceReviewStatus.Approved,
  [EvidenceReviewDecision.Rejected]: EvidenceReviewStatus.Rejected,
};

/** How the audit trail knows evidence: their `/history` and `?asOf=`. */
const EVIDENCE_HISTORY: HistoryKind<EvidenceResponseDto> = {
  entityType: AuditEntityType.Evidence,
  notFound: (id) => new EvidenceNotFoundError(id),
  // `expired` is judged at that instant, not when the event was written.
  atInstant: (evidence, asOf) => ({
    ...evidence,
    expired: evidence.validUntil !== null && new Date(evidence.validUntil) < asOf,
  }),
};

@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly controls: ControlService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
    private readonly trail: EntityHistory,
  ) {}

  async create(dto: CreateEvidenceDto, user: AuthUser): Promise<EvidenceResponseDto> {
    // Left out, collected_at takes the database's default: the transaction's now(), as created_at.
    assertValidityWindow(dto.collectedAt ?? new Date(), dto.validUntil ?? null);
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
    // One moment for the filter and for each item's `expired`, so the two always agree.
    const now = new Date();
    const page = await this.evidence.list(evidenceFilter(query), query, now);
    return toPage(
      page.items.map((evidence) => toEvidenceResponse(evidence, now)),
      page.total,
      query,
    );
  }

  /**
   * Every piece of evidence the list's filters select, in its order, as CSV or NDJSON list
   * items; `expired` is judged, for the filter and each item, at the moment the export began.
   */
  export(query: ExportEvidenceQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const now = new Date();
    const filter = evidenceFilter(query);
    return this.exporter.export(
      {
        resource: 'evidence',
        entityType: AuditEntityType.Evidence,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        fields: EVIDENCE_EXPORT_FIELDS,
        query: (values) => this.evidence.exportQuery(filter, query, now, values),
      },
      facts,
    );
  }

  /** Now, or as it stood at `asOf` (rebuilt from the audit trail; 404 if not there then). */
  async get(id: string, asOf?: Date): Promise<EvidenceResponseDto> {
    const current = await this.evidence.findById(id);
    return this.trail.currentOrAsOf(
      EVIDENCE_HISTORY,
      id,
      asOf,
      current && toEvidenceResponse(current),
    );
  }

  /** Its audit events, oldest first; also for a deleted one (404 if it never existed). */
  history(id: string, query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.trail.page(EVIDENCE_HISTORY, id, query);
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
    await this.evidence.remove(evidence.id);
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
    const evidence = await this.lock(id);
    assertVersion(expectedVersion, evidence.version);
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
    const evidence = await this.lock(id);
    assertMayChangeEvidence(user, evidence);
    assertVersion(expectedVersion, evidence.version);
    return evidence;
  }

  /**
   * Locks the row for the rest of the transaction, so of two concurrent writers with the same
   * version exactly one succeeds.
   */
  private async lock(id: string): Promise<EvidenceEntity> {
    return orNotFound(
      await this.evidence.findByIdForUpdate(id),
      () => new EvidenceNotFoundError(id),
    );
  }
}

function assertValidityWindow(collectedAt: Date, validUntil: Date | null): void {
  if (validUntil !== null && validUntil.getTime() < collectedAt.getTime()) {
    throw new EvidenceValidityWindowError();
  }
}

function evidenceFilter(query: ListEvidenceQueryDto | ExportEvidenceQueryDto): EvidenceFilter {
  const { controlId, reviewStatus, kind, submittedById, expired } = query;
  return { controlId, reviewStatus, kind, submittedById, expired };
}
