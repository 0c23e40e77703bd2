export { RiskResponseDto } from './dto/risk-response.dto';
export { RiskSeverity } from './enums/risk-severity.enum';
export { RiskStatus } from './enums/risk-status.enum';
export { RiskTreatment } from './enums/risk-treatment.enum';
export { RiskModule } from './risk.module';
export { RiskService } from './risk.service';
export type { RiskWorkflowChange } from './risk.service';
export { RiskNotFoundError } from './risk.errors';
