import { Injectable, StreamableFile } from '@nestjs/common';
import { assertVersion, mapOnce, orNotFound, Page, toPage } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
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
import { RISK_EXPORT_COLUMNS } from './risk.export';
import { toRiskResponse } from './risk.mapper';
import { RiskFilter, RiskRepository } from './risk.repository';

/** Cached list pages hold the same frozen rows: each is mapped once, not per request. */
const riskListItem = mapOnce(toRiskResponse);

@Injectable()
export class RiskService {
  constructor(
    private readonly risks: RiskRepository,
    private readonly users: UserService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
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
      nextReviewAt: dto.nextReviewAt ?? null,
    });
    const created = toRiskResponse(risk);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Risk, null, created);
    return created;
  }

  async list(query: ListRisksQueryDto): Promise<Page<RiskResponseDto>> {
    const page = await this.risks.list(riskFilter(query), query);
    return toPage(page.items.map(riskListItem), page.total, query);
  }

  /** Every risk the list's filters select, in its order, as CSV or NDJSON list items. */
  export(query: ExportRisksQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = riskFilter(query);
    return this.exporter.export(
      {
        resource: 'risks',
        entityType: AuditEntityType.Risk,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        columns: RISK_EXPORT_COLUMNS,
        rows: (snapshot) => this.risks.streamList(snapshot, filter, query),
        toItem: toRiskResponse,
      },
      facts,
    );
  }

  async get(id: string): Promise<RiskResponseDto> {
    return toRiskResponse(
      orNotFound(await this.risks.findById(id), () => new RiskNotFoundError(id)),
    );
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
    const after = toRiskResponse(await this.risks.update(risk, dto));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Risk, before, after);
    return after;
  }

  /** Refused with 409 while controls or tasks still belong to the risk (foreign keys). */
  async remove(id: string, expectedVersion?: number): Promise<void> {
    const risk = await this.lock(id, expectedVersion);
    await this.risks.remove(risk.id);
    this.audit.describeChange(AuditAction.Delete, AuditEntityType.Risk, toRiskResponse(risk), null);
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
  const { status, severity, treatment, ownerId, category } = query;
  return { status, severity, treatment, ownerId, category };
}

function assertResidualPair(likelihood: number | null, impact: number | null): void {
  if (likelihood === null && impact !== null) throw new ResidualPairError('residualLikelihood');
  if (impact === null && likelihood !== null) throw new ResidualPairError('residualImpact');
}
