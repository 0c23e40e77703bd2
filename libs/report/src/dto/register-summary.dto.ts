import { ApiProperty } from '@nestjs/swagger';
import { Count } from './count.decorator';

export class SeverityCountsDto {
  @Count() low: number;
  @Count() medium: number;
  @Count() high: number;
  @Count() critical: number;
}

export class ResidualSeverityCountsDto extends SeverityCountsDto {
  @Count('Risks without a residual assessment.') unassessed: number;
}

export class RiskStatusCountsDto {
  @Count() open: number;
  @Count() in_treatment: number;
  @Count() monitoring: number;
  @Count() accepted: number;
  @Count() closed: number;
}

export class ImplementationStatusCountsDto {
  @Count() planned: number;
  @Count() in_progress: number;
  @Count() implemented: number;
  @Count() degraded: number;
  @Count() not_applicable: number;
  @Count() retired: number;
}

export class EffectivenessCountsDto {
  @Count() not_tested: number;
  @Count() effective: number;
  @Count() partially_effective: number;
  @Count() ineffective: number;
}

export class TaskPriorityCountsDto {
  @Count() low: number;
  @Count() medium: number;
  @Count() high: number;
  @Count() urgent: number;
}

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

export class ControlSummaryDto {
  @Count() total: number;
  @ApiProperty() byImplementationStatus: ImplementationStatusCountsDto;
  @ApiProperty() byEffectiveness: EffectivenessCountsDto;
  @Count('Controls in use (not retired or not applicable) whose nextTestDueAt has passed.')
  testOverdue: number;
}

export class EvidenceSummaryDto {
  @Count() total: number;
  @Count() pendingReview: number;
  @Count() approved: number;
  @Count() rejected: number;
  @Count('Evidence whose validUntil has passed.') expired: number;
  @Count('Evidence whose validUntil falls within the next 30 days.') expiringIn30Days: number;
}

export class TaskSummaryDto {
  @Count() total: number;
  @Count('Tasks not done or cancelled.') open: number;
  @Count('Open tasks whose dueAt has passed.') overdue: number;
  @ApiProperty() overdueByPriority: TaskPriorityCountsDto;
}

/** The register at a glance: every count computed by PostgreSQL from one snapshot. */
export class RegisterSummaryDto {
  /** The moment the counts were taken (overdue and due-soon are judged against it). */
  @ApiProperty({ format: 'date-time' })
  asOf: string;
  risks: RiskSummaryDto;
  controls: ControlSummaryDto;
  evidence: EvidenceSummaryDto;
  tasks: TaskSummaryDto;
}
