import { Injectable } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType } from '@rct/audit';
import { AuthUser } from '@rct/auth';
import { Page, PageQueryDto, toPage } from '@rct/common';
import { RiskService } from '@rct/risk';
import { assertMayWorkOnRisk } from '../risk-ownership';
import { CreateRiskReviewDto } from './dto/create-risk-review.dto';
import { RiskReviewResponseDto } from './dto/risk-review-response.dto';
import { toRiskReviewResponse } from './risk-review.mapper';
import { RiskReviewRepository } from './risk-review.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class RiskReviewService {
  constructor(
    private readonly reviews: RiskReviewRepository,
    private readonly risks: RiskService,
    private readonly audit: AuditContext,
  ) {}

  /**
   * Records a review with the risk's scores at that moment and moves the risk's schedule on:
   * lastReviewedAt is the review's time, nextReviewAt that plus reviewIntervalDays.
   */
  async create(
    riskId: string,
    dto: CreateRiskReviewDto,
    user: AuthUser,
  ): Promise<RiskReviewResponseDto> {
    const risk = await this.risks.lockForWorkflow(riskId);
    assertMayWorkOnRisk(user, risk);
    const review = await this.reviews.insert({
      riskId,
      reviewerId: user.id,
      outcome: dto.outcome,
      notes: dto.notes ?? '',
      likelihood: risk.likelihood,
      impact: risk.impact,
      inherentScore: risk.inherentScore,
      residualScore: risk.residualScore,
    });
    await this.risks.applyWorkflowChange(riskId, AuditAction.Review, (current) => ({
      lastReviewedAt: review.reviewedAt,
      nextReviewAt: new Date(review.reviewedAt.getTime() + current.reviewIntervalDays * DAY_MS),
    }));
    const created = toRiskReviewResponse(review);
    this.audit.describeChange(AuditAction.Review, AuditEntityType.RiskReview, null, created);
    return created;
  }

  async list(riskId: string, query: PageQueryDto): Promise<Page<RiskReviewResponseDto>> {
    await this.risks.assertFound(riskId);
    const page = await this.reviews.listByRisk(riskId, query);
    return toPage(page.items.map(toRiskReviewResponse), page.total, query);
  }
}
