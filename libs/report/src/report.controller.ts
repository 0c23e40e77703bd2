import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@rct/auth';
import { ApiProblemResponses, Page, PageQueryDto } from '@rct/common';
import { HeatmapQueryDto } from './dto/heatmap-query.dto';
import { OwnerReportDto, OwnerReportPage } from './dto/owner-report.dto';
import { RegisterSummaryDto } from './dto/register-summary.dto';
import { RiskHeatmapDto } from './dto/risk-heatmap.dto';
import { SummaryQueryDto } from './dto/summary-query.dto';
import { ReportService } from './report.service';

@ApiTags('reports')
@Authenticated()
@ApiProblemResponses(400)
@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('summary')
  @ApiOperation({
    operationId: 'getRegisterSummary',
    summary: 'The register at a glance: risks, controls, evidence and tasks counted',
  })
  @ApiOkResponse({ type: RegisterSummaryDto, description: 'Counts as of `asOf`.' })
  summary(@Query() query: SummaryQueryDto): Promise<RegisterSummaryDto> {
    return this.reports.summary(query);
  }

  @Get('risk-heatmap')
  @ApiOperation({
    operationId: 'getRiskHeatmap',
    summary: 'Risks on the 5x5 likelihood x impact matrix',
  })
  @ApiOkResponse({ type: RiskHeatmapDto, description: 'Always 25 cells.' })
  heatmap(@Query() query: HeatmapQueryDto): Promise<RiskHeatmapDto> {
    return this.reports.heatmap(query);
  }

  @Get('owners')
  @ApiOperation({ operationId: 'listRiskOwners', summary: 'Risk owners, most overdue first' })
  @ApiOkResponse({ type: OwnerReportPage, description: 'One page of owners.' })
  owners(@Query() query: PageQueryDto): Promise<Page<OwnerReportDto>> {
    return this.reports.owners(query);
  }
}
