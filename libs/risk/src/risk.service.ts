import { Injectable, StreamableFile } from '@nestjs/common';
import { assertVersion, mapOnce, orNotFound, Page, toPage } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  EntityHistory,
  HistoryKind,
  HistoryPageDto,
  HistoryQueryDto,
  RequestFacts,
  ResourceExporter,
} from '@rct/audit';
import { UserService } from '@rct/user';
import { CreateRiskDto } from './dto/create-risk.dto';
import { ExportRisksQueryDto } from './dto/export-risks-query.dto';
import { ListRisksQueryDto } from './dto/list-risks-query.dto';
import { RiskResponseDto } from './dto/risk-response.dto';
import { UpdateRiskDto } from './dto/update-risk.dto';
import { RiskEntity } from './entities/risk.entity';
import { RiskStatus } from './enums/risk-status.enum';
import { RiskTreatment } from './enums/risk-treatment.enum';
import { ResidualPairError, RiskNotFoundError, UnknownRiskError } from './risk.errors';
import { RISK_EXPORT_FIELDS } from './risk.export';
import { toRiskResponse } from './risk.mapper';
import { RiskFilter, RiskRepository } from './risk.repository';

/** Cached list pages hold the same frozen rows: each is mapped once, not per request. */
const riskListItem = mapOnce(toRiskResponse);

/** How the audit trail knows risks: their `/history` and `?asOf=`. */
const RISK_HISTORY: HistoryKind<RiskResponseDto> = {
  entityType: AuditEntityType.Risk,
  notFound: (id) => new RiskNotFoundError(id),
};

@Injectable()
export class RiskService {
  constructor(
    private readonly risks: RiskRepository,
    private readonly users: UserService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
    private readonly trail: EntityHistory,
  ) {}

  async create(dto: CreateRiskDto): Promise<RiskResponseDto> {
    assertResidualPair(dto.residualLikelihood ?? null, dto.residualImpact ?? null);
    await this.users.assertActiveUser(dto.ownerId, 'ownerId');
    const risk = await this.risks.insert({
      ...dto,
      description: dto.description ?? '',
      status: dto.status ?? RiskStatus.Open,
      treatment: dto.treatment ?? RiskTreatment.Untreated,
      residualLikelihood: dto.residualLikelihood ?? null,
      residualImpact: dto.residualImpact ?? null,
      // Left out (or null), the database fills both from severity and the creation time.
      nextReviewAt: dto.nextReviewAt ?? undefined,
      reviewIntervalDays: dto.reviewIntervalDays,
    });
    const created = toRiskResponse(risk);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Risk, null, created);
    return created;
  }

  async list(query: ListRisksQueryDto): Promise<Page<RiskResponseDto>> {
    const page = await this.risks.list(riskFilter(query), query, new Date());
    return toPage(page.items.map(riskListItem), page.total, query);
  }

  /** Every risk the list's filters select, in its order, as CSV or NDJSON list items. */
  export(query: ExportRisksQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = riskFilter(query);
    const now = new Date();
    return this.exporter.export(
      {
        resource: 'risks',
        entityType: AuditEntityType.Risk,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        fields: RISK_EXPORT_FIELDS,
        query: (values) => this.risks.exportQuery(filter, query, now, values),
      },
      facts,
    );
  }

  /** Now, or as it stood at `asOf` (rebuilt from the audit trail; 404 if not there then). */
  async get(id: string, asOf?: Date): Promise<RiskResponseDto> {
    const current = await this.risks.findById(id);
    return this.trail.currentOrAsOf(RISK_HISTORY, id, asOf, current && toRiskResponse(current));
  }

  /** Its audit events, oldest first; also for a deleted one (404 if it never existed). */
  history(id: string, query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.trail.page(RISK_HISTORY, id, query);
  }

  async update(id: string, dto: UpdateRiskDto, expectedVersion?: number): Promise<RiskResponseDto> {
    const risk = await this.lock(id, expectedVersion);
    const before = toRiskResponse(risk);
    assertResidualPair(
      dto.residualLikelihood !== undefined ? dto.residualLikelihood : risk.residualLikelihood,
      dto.residualImpact !== undefined ? dto.residualImpact : risk.residualImpact,
    );
    if (dto.ownerId !== undefined && dto.ownerId !== risk.ownerId) {
      await this.users.assertActiveUser(dto.ownerId, 'ownerId');
    }
    const after = toRiskResponse(await this.risks.update(risk, withReviewSchedule(risk, dto)));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Risk, before, after);
    return after;
  }

  /**
   * A workflow step (review, acceptance) changes the risk: locked, changed and described as a
   * related audit event of the step's `action`, all in the step's transaction. Answers the
   * risk as it was before and after.
   */
  async applyWorkflowChange(
    id: string,
    action: AuditAction,
    change: (risk: RiskResponseDto) => RiskWorkflowChange,
  ): Promise<{ before: RiskResponseDto; after: RiskResponseDto }> {
    const risk = await this.lock(id);
    const before = toRiskResponse(risk);
    const after = toRiskResponse(await this.risks.update(risk, change(before)));
    this.audit.describeRelated(action, AuditEntityType.Risk, before, after);
    return { before, after };
  }

  /** The risk, locked until the transaction ends, as a client sees it (404 if unknown). */
  async lockForWorkflow(id: string): Promise<RiskResponseDto> {
    return toRiskResponse(await this.lock(id));
  }

  /** Refused with 409 while controls or tasks still belong to the risk (foreign keys). */
  async remove(id: string, expectedVersion?: number): Promise<void> {
    const risk = await this.lock(id, expectedVersion);
    await this.risks.remove(risk.id);
    this.audit.describeChange(AuditAction.Delete, AuditEntityType.Risk, toRiskResponse(risk), null);
  }

  /** 404 unless the risk exists (for reads of what belongs to it). */
  async assertFound(id: string): Promise<void> {
    if (!(await this.risks.exists(id))) throw new RiskNotFoundError(id);
  }

  /** For children (controls, tasks): the parent must exist (422 naming the field otherwise). */
  async assertExists(id: string, field = 'riskId'): Promise<void> {
    if (!(await this.risks.exists(id))) throw new UnknownRiskError(field);
  }

  /**
   * Locks the row for the rest of the transaction and checks the client's If-Match version, so
   * of two concurrent writers with the same version exactly one succeeds.
   */
  private async lock(id: string, expectedVersion?: number): Promise<RiskEntity> {
    const risk = orNotFound(
      await this.risks.findByIdForUpdate(id),
      () => new RiskNotFoundError(id),
    );
    assertVersion(expectedVersion, risk.version);
    return risk;
  }
}

function riskFilter(query: ExportRisksQueryDto | ListRisksQueryDto): RiskFilter {
  const { status, severity, treatment, ownerId, category, reviewDue } = query;
  return { status, severity, treatment, ownerId, category, reviewDue };
}

/** What a workflow step may change on a risk. */
export type RiskWorkflowChange = Partial<
  Pick<RiskEntity, 'status' | 'treatment' | 'lastReviewedAt' | 'nextReviewAt'>
>;

const DAY_MS = 86_400_000;

/**
 * A new reviewIntervalDays moves nextReviewAt to the last review (or the creation) plus the new
 * interval, unless the same change sets nextReviewAt itself.
 */
function withReviewSchedule(risk: RiskEntity, dto: UpdateRiskDto): UpdateRiskDto {
  const interval = dto.reviewIntervalDays;
  if (interval === undefined || interval === risk.reviewIntervalDays) return dto;
  if (dto.nextReviewAt !== undefined) return dto;
  const from = (risk.lastReviewedAt ?? risk.createdAt).getTime();
  return { ...dto, nextReviewAt: new Date(from + interval * DAY_MS) };
}

function assertResidualPair(likelihood: number | null, impact: number | null): void {
  if (likelihood === null && impact !== null) throw new ResidualPairError('residualLikelihood');
  if (impact === null && likelihood !== null) throw new ResidualPairError('residualImpact');
}
