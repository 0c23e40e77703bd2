export { ReportModule } from './report.module';
export { HeatmapBasis } from './enums/heatmap-basis.enum';
export { RegisterSummaryDto } from './dto/register-summary.dto';
export { RiskHeatmapDto } from './dto/risk-heatmap.dto';
export { OwnerReportDto } from './dto/owner-report.dto';
