import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Count } from './count.decorator';

@ApiSchema({ name: 'SeverityCounts' })
export class SeverityCountsDto {
  @Count() low: number;
  @Count() medium: number;
  @Count() high: number;
  @Count() critical: number;
}

@ApiSchema({ name: 'ResidualSeverityCounts' })
export class ResidualSeverityCountsDto extends SeverityCountsDto {
  @Count('Risks without a residual assessment.') unassessed: number;
}

@ApiSchema({ name: 'RiskStatusCounts' })
export class RiskStatusCountsDto {
  @Count() open: number;
  @Count() in_treatment: number;
  @Count() monitoring: number;
  @Count() accepted: number;
  @Count() closed: number;
}

@ApiSchema({ name: 'ImplementationStatusCounts' })
export class ImplementationStatusCountsDto {
  @Count() planned: number;
  @Count() in_progress: number;
  @Count() implemented: number;
  @Count() degraded: number;
  @Count() not_applicable: number;
  @Count() retired: number;
}

@ApiSchema({ name: 'EffectivenessCounts' })
export class EffectivenessCountsDto {
  @Count() not_tested: number;
  @Count() effective: number;
  @Count() partially_effective: number;
  @Count() ineffective: number;
}

@ApiSchema({ name: 'TaskPriorityCounts' })
export class TaskPriorityCountsDto {
  @Count() low: number;
  @Count() medium: number;
  @Count() high: number;
  @Count() urgent: number;
}

@ApiSchema({ name: 'RiskSummary' })
export class RiskSummaryDto {
  @Count() total: number;
  @ApiProperty() bySeverity: SeverityCountsDto;
  @ApiProperty() byResidualSeverity: ResidualSeverityCountsDto;
  @ApiProperty() byStatus: RiskStatusCountsDto;
  @Count('Risks not closed whose nextReviewAt has passed.') reviewOverdue: number;
  @Count('Risks not closed whose nextReviewAt falls within the next 30 days.')
  reviewDueIn30Days: number;
  @Count('Risks not closed without any control in status implemented.')
  withoutImplementedControl: number;
}

@ApiSchema({ name: 'AcceptanceSummary' })
export class AcceptanceSummaryDto {
  @Count('Acceptances waiting for a decision.') requested: number;
  @Count('Acceptances in force.') approved: number;
  @Count('Approved acceptances whose expiresAt falls within the next 30 days.')
  expiringIn30Days: number;
}

@ApiSchema({ name: 'ControlSummary' })
export class ControlSummaryDto {
  @Count() total: number;
  @ApiProperty() byImplementationStatus: ImplementationStatusCountsDto;
  @ApiProperty() byEffectiveness: EffectivenessCountsDto;
  @Count('Controls in use (not retired or not applicable) whose nextTestDueAt has passed.')
  testOverdue: number;
}

@ApiSchema({ name: 'EvidenceSummary' })
export class EvidenceSummaryDto {
  @Count() total: number;
  @Count() pendingReview: number;
  @Count() approved: number;
  @Count() rejected: number;
  @Count('Evidence whose validUntil has passed.') expired: number;
  @Count('Evidence whose validUntil falls within the next 30 days.') expiringIn30Days: number;
}

@ApiSchema({ name: 'TaskSummary' })
export class TaskSummaryDto {
  @Count() total: number;
  @Count('Tasks not done or cancelled.') open: number;
  @Count('Open tasks whose dueAt has passed.') overdue: number;
  @ApiProperty() overdueByPriority: TaskPriorityCountsDto;
}

/** The register at a glance: every count computed by PostgreSQL from one snapshot. */
@ApiSchema({ name: 'RegisterSummary' })
export class RegisterSummaryDto {
  /**
   * The moment the counts were taken (overdue and due-soon are judged against it). The same
   * summary may be answered again for a few seconds, while nothing it counts has been written.
   */
  @ApiProperty({ format: 'date-time' })
  asOf: string;
  risks: RiskSummaryDto;
  acceptances: AcceptanceSummaryDto;
  controls: ControlSummaryDto;
  evidence: EvidenceSummaryDto;
  tasks: TaskSummaryDto;
}
