import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { RiskStatus } from '@rct/risk';
import { HeatmapBasis } from '../enums/heatmap-basis.enum';
import { SummaryQueryDto } from './summary-query.dto';

export class HeatmapQueryDto extends SummaryQueryDto {
  /** `inherent` (likelihood x impact) or `residual` (risks without a residual assessment are left out). */
  @IsOptional()
  @IsEnum(HeatmapBasis)
  @ApiPropertyOptional({
    enum: HeatmapBasis,
    enumName: 'HeatmapBasis',
    default: HeatmapBasis.Inherent,
  })
  basis: HeatmapBasis = HeatmapBasis.Inherent;

  @IsOptional()
  @IsEnum(RiskStatus)
  @ApiPropertyOptional({ enum: RiskStatus, enumName: 'RiskStatus' })
  status?: RiskStatus;
}
