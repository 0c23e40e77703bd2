import { Injectable } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType, Page, SqlWhere } from '@rct/common';
import { EntityStore, EntityStores, Listing } from '@rct/database';
import { UserService } from '@rct/user';
import { CreateRiskDto } from './dto/create-risk.dto';
import { ListRisksQueryDto, RiskSortField } from './dto/list-risks-query.dto';
import { RiskResponseDto } from './dto/risk-response.dto';
import { UpdateRiskDto } from './dto/update-risk.dto';
import { RiskEntity } from './entities/risk.entity';
import { RiskStatus } from './enums/risk-status.enum';
import { RiskTreatment } from './enums/risk-treatment.enum';
import { ResidualPairError, RiskNotFoundError, UnknownRiskError } from './risk.errors';
import { toRiskResponse } from './risk.mapper';

const SORT_COLUMNS: Record<RiskSortField, string> = {
  title: 'risk.title',
  inherentScore: 'risk.inherent_score',
  residualScore: 'risk.residual_score',
  status: 'risk.status',
  nextReviewAt: 'risk.next_review_at',
  createdAt: 'risk.created_at',
  updatedAt: 'risk.updated_at',
};

const RISK_LISTING: Listing<RiskSortField> = {
  alias: 'risk',
  sortColumns: SORT_COLUMNS,
  defaultSort: { field: 'inherentScore', direction: 'DESC' },
  cached: true,
};

@Injectable()
export class RiskService {
  private readonly risks: EntityStore<RiskEntity>;

  constructor(
    stores: EntityStores,
    private readonly users: UserService,
    private readonly audit: AuditContext,
  ) {
    this.risks = stores.for(RiskEntity, (id) => new RiskNotFoundError(id));
  }

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
    const where = new SqlWhere().equal({
      'risk.status': query.status,
      'risk.severity': query.severity,
      'risk.treatment': query.treatment,
      'risk.owner_id': query.ownerId,
      'risk.category': query.category,
    });
    return this.risks.list(where, query, RISK_LISTING, toRiskResponse);
  }

  async get(id: string): Promise<RiskResponseDto> {
    return toRiskResponse(await this.risks.find(id));
  }

  async update(id: string, dto: UpdateRiskDto, expectedVersion?: number): Promise<RiskResponseDto> {
    const risk = await this.risks.lock(id, expectedVersion);
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
    const risk = await this.risks.lock(id, expectedVersion);
    await this.risks.remove(risk);
    this.audit.describeChange(AuditAction.Delete, AuditEntityType.Risk, toRiskResponse(risk), null);
  }

  /** For children (controls, tasks): the parent must exist (422 naming the field otherwise). */
  async assertExists(id: string, field = 'riskId'): Promise<void> {
    if (!(await this.risks.exists(id))) throw new UnknownRiskError(field);
  }
}

function assertResidualPair(likelihood: number | null, impact: number | null): void {
  if (likelihood === null && impact !== null) throw new ResidualPairError('residualLikelihood');
  if (impact === null && likelihood !== null) throw new ResidualPairError('residualImpact');
}
