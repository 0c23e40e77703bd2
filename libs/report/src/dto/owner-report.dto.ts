import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { Count } from './count.decorator';

/** One risk owner's load: their risks, and the tasks that belong to those risks. */
@ApiSchema({ name: 'OwnerReport' })
export class OwnerReportDto {
  @ApiProperty({ format: 'uuid' })
  ownerId: string;
  fullName: string;
  @Count() risks: number;
  @Count('Their risks of severity critical or high.') criticalOrHigh: number;
  @Count('Their risks, not closed, whose nextReviewAt has passed.') reviewOverdue: number;
  @Count('Tasks of their risks not done or cancelled.') openTasks: number;
  @Count('Open tasks of their risks whose dueAt has passed.') overdueTasks: number;
}

export const OwnerReportPage = PageOf(OwnerReportDto, 'OwnerReportPage');
