import { Injectable, StreamableFile } from '@nestjs/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
} from '@rct/audit';
import { AuthUser } from '@rct/auth';
import { assertVersion, orNotFound, Page, toPage } from '@rct/common';
import { RiskService, RiskStatus, RiskTreatment } from '@rct/risk';
import { AcceptanceDecision } from '../enums/acceptance-decision.enum';
import { RiskAcceptanceStatus } from '../enums/risk-acceptance-status.enum';
import { assertMayWorkOnRisk } from '../risk-ownership';
import { CreateRiskAcceptanceDto } from './dto/create-risk-acceptance.dto';
import { DecideRiskAcceptanceDto } from './dto/decide-risk-acceptance.dto';
import { ExportRiskAcceptancesQueryDto } from './dto/export-risk-acceptances-query.dto';
import { ListRiskAcceptancesQueryDto } from './dto/list-risk-acceptances-query.dto';
import { RiskAcceptanceResponseDto } from './dto/risk-acceptance-response.dto';
import { RevokeRiskAcceptanceDto } from './dto/revoke-risk-acceptance.dto';
import { RiskAcceptanceEntity } from './entities/risk-acceptance.entity';
import { assertSeparateDuties } from './risk-acceptance-duties';
import {
  AcceptanceExpiryError,
  AcceptanceStateError,
  OpenAcceptanceExistsError,
  RiskAcceptanceNotFoundError,
} from './risk-acceptance.errors';
import { RISK_ACCEPTANCE_EXPORT_FIELDS } from './risk-acceptance.export';
import { toRiskAcceptanceResponse } from './risk-acceptance.mapper';
import { RiskAcceptanceFilter, RiskAcceptanceRepository } from './risk-acceptance.repository';

const MAX_ACCEPTANCE_MS = 365 * 86_400_000;

@Injectable()
export class RiskAcceptanceService {
  constructor(
    private readonly acceptances: RiskAcceptanceRepository,
    private readonly risks: RiskService,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
  ) {}

  /** Asks to accept a risk until `expiresAt`; the risk itself changes only on approval. */
  async request(
    riskId: string,
    dto: CreateRiskAcceptanceDto,
    user: AuthUser,
  ): Promise<RiskAcceptanceResponseDto> {
    assertExpiryWindow(dto.expiresAt, new Date());
    const risk = await this.risks.lockForWorkflow(riskId);
    assertMayWorkOnRisk(user, risk);
    if (await this.acceptances.hasOpen(riskId)) throw new OpenAcceptanceExistsError(riskId);
    const created = toRiskAcceptanceResponse(
      await this.acceptances.insert({
        riskId,
        status: RiskAcceptanceStatus.Requested,
        justification: dto.justification,
        expiresAt: dto.expiresAt,
        requestedById: user.id,
        inherentScoreAtRequest: risk.inherentScore,
        residualScoreAtRequest: risk.residualScore,
      }),
    );
    this.describe(AuditAction.AcceptanceRequest, null, created);
    return created;
  }

  /** Approves or rejects a requested acceptance; approval accepts the risk. */
  async decide(
    id: string,
    dto: DecideRiskAcceptanceDto,
    user: AuthUser,
    expectedVersion?: number,
  ): Promise<RiskAcceptanceResponseDto> {
    const acceptance = await this.lock(id, expectedVersion);
    if (acceptance.status !== RiskAcceptanceStatus.Requested) {
      throw new AcceptanceStateError(
        `This acceptance is ${acceptance.status}; only a requested one can be decided.`,
      );
    }
    const risk = await this.risks.lockForWorkflow(acceptance.riskId);
    assertSeparateDuties(user, acceptance, risk, 'decide');
    const approved = dto.decision === AcceptanceDecision.Approved;
    const after = await this.change(AuditAction.AcceptanceDecision, acceptance, {
      status: approved ? RiskAcceptanceStatus.Approved : RiskAcceptanceStatus.Rejected,
      decidedById: user.id,
      decidedAt: new Date(),
      decisionComment: dto.comment ?? null,
    });
    if (approved) {
      await this.risks.applyWorkflowChange(
        acceptance.riskId,
        AuditAction.AcceptanceDecision,
        () => ({
          status: RiskStatus.Accepted,
          treatment: RiskTreatment.Accept,
        }),
      );
    }
    return after;
  }

  /** Ends a requested or approved acceptance; an approved one's risk goes back to open. */
  async revoke(
    id: string,
    dto: RevokeRiskAcceptanceDto,
    user: AuthUser,
    expectedVersion?: number,
  ): Promise<RiskAcceptanceResponseDto> {
    const acceptance = await this.lock(id, expectedVersion);
    const wasApproved = acceptance.status === RiskAcceptanceStatus.Approved;
    if (!wasApproved && acceptance.status !== RiskAcceptanceStatus.Requested) {
      throw new AcceptanceStateError(
        `This acceptance is ${acceptance.status}; only a requested or approved one can be revoked.`,
      );
    }
    const risk = await this.risks.lockForWorkflow(acceptance.riskId);
    assertSeparateDuties(user, acceptance, risk, 'revoke');
    const after = await this.change(AuditAction.AcceptanceRevoke, acceptance, {
      status: RiskAcceptanceStatus.Revoked,
      revokedById: user.id,
      revokedAt: new Date(),
      revokeComment: dto.comment ?? null,
    });
    if (wasApproved) await this.reopenRisk(acceptance.riskId, AuditAction.AcceptanceRevoke);
    return after;
  }

  /**
   * Expires the next approved acceptance past its expiresAt and reopens its risk, in the
   * caller's transaction; null when none is due (or every due one is held by another instance).
   */
  async expireNext(now: Date): Promise<RiskAcceptanceResponseDto | null> {
    const acceptance = await this.acceptances.claimNextExpired(now);
    if (!acceptance) return null;
    const after = await this.change(AuditAction.AcceptanceExpire, acceptance, {
      status: RiskAcceptanceStatus.Expired,
    });
    await this.reopenRisk(acceptance.riskId, AuditAction.AcceptanceExpire);
    return after;
  }

  async list(query: ListRiskAcceptancesQueryDto): Promise<Page<RiskAcceptanceResponseDto>> {
    const page = await this.acceptances.list(acceptanceFilter(query), query);
    return toPage(page.items.map(toRiskAcceptanceResponse), page.total, query);
  }

  /** Every acceptance the list's filters select, newest first, as CSV or NDJSON list items. */
  export(query: ExportRiskAcceptancesQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = acceptanceFilter(query);
    return this.exporter.export(
      {
        resource: 'risk-acceptances',
        entityType: AuditEntityType.RiskAcceptance,
        format: query.format,
        filters: { ...filter },
        fields: RISK_ACCEPTANCE_EXPORT_FIELDS,
        query: (values) => this.acceptances.exportQuery(filter, {}, values),
      },
      facts,
    );
  }

  async get(id: string): Promise<RiskAcceptanceResponseDto> {
    return toRiskAcceptanceResponse(
      orNotFound(await this.acceptances.findById(id), () => new RiskAcceptanceNotFoundError(id)),
    );
  }

  private async reopenRisk(riskId: string, action: AuditAction): Promise<void> {
    await this.risks.applyWorkflowChange(riskId, action, () => ({ status: RiskStatus.Open }));
  }

  private async change(
    action: AuditAction,
    acceptance: RiskAcceptanceEntity,
    changes: Partial<RiskAcceptanceEntity>,
  ): Promise<RiskAcceptanceResponseDto> {
    const before = toRiskAcceptanceResponse(acceptance);
    const after = toRiskAcceptanceResponse(await this.acceptances.update(acceptance, changes));
    this.describe(action, before, after);
    return after;
  }

  private describe(
    action: AuditAction,
    before: RiskAcceptanceResponseDto | null,
    after: RiskAcceptanceResponseDto,
  ): void {
    this.audit.describeChange(action, AuditEntityType.RiskAcceptance, before, after);
  }

  private async lock(id: string, expectedVersion?: number): Promise<RiskAcceptanceEntity> {
    const acceptance = orNotFound(
      await this.acceptances.findByIdForUpdate(id),
      () => new RiskAcceptanceNotFoundError(id),
    );
    assertVersion(expectedVersion, acceptance.version);
    return acceptance;
  }
}

function assertExpiryWindow(expiresAt: Date, now: Date): void {
  if (expiresAt.getTime() <= now.getTime()) {
    throw new AcceptanceExpiryError('expiresAt must be in the future');
  }
  if (expiresAt.getTime() > now.getTime() + MAX_ACCEPTANCE_MS) {
    throw new AcceptanceExpiryError('expiresAt must be at most 365 days ahead');
  }
}

function acceptanceFilter(
  query: ListRiskAcceptancesQueryDto | ExportRiskAcceptancesQueryDto,
): RiskAcceptanceFilter {
  const { riskId, status, expiresBefore } = query;
  return { riskId, status, expiresBefore };
}
