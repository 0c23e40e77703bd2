import { Injectable } from '@nestjs/common';
import { Page, PageQueryDto, toPage } from '@rct/common';
import { HeatmapQueryDto } from './dto/heatmap-query.dto';
import { OwnerReportDto } from './dto/owner-report.dto';
import {
  AcceptanceSummaryDto,
  ControlSummaryDto,
  EvidenceSummaryDto,
  RegisterSummaryDto,
  RiskSummaryDto,
  TaskSummaryDto,
} from './dto/register-summary.dto';
import { RiskHeatmapDto } from './dto/risk-heatmap.dto';
import { SummaryQueryDto } from './dto/summary-query.dto';
import { ReportRepository } from './report.repository';

/** The dashboard's reports; every number is an aggregate PostgreSQL computed. */
@Injectable()
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}

  async summary(query: SummaryQueryDto): Promise<RegisterSummaryDto> {
    const { ownerId, category } = query;
    const row = await this.reports.summary({ ownerId, category });
    return {
      asOf: row.asOf.toISOString(),
      risks: row.risks as unknown as RiskSummaryDto,
      acceptances: row.acceptances as unknown as AcceptanceSummaryDto,
      controls: row.controls as unknown as ControlSummaryDto,
      evidence: row.evidence as unknown as EvidenceSummaryDto,
      tasks: row.tasks as unknown as TaskSummaryDto,
    };
  }

  async heatmap(query: HeatmapQueryDto): Promise<RiskHeatmapDto> {
    const { basis, ownerId, category, status } = query;
    const cells = await this.reports.heatmap(basis, { ownerId, category, status });
    return { basis, total: cells.reduce((sum, cell) => sum + cell.count, 0), cells };
  }

  async owners(query: PageQueryDto): Promise<Page<OwnerReportDto>> {
    const { items, total } = await this.reports.owners(query.limit, query.offset);
    return toPage(items, total, query);
  }
}
