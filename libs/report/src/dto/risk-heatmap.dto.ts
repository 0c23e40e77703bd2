import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { RiskSeverity } from '@rct/risk';
import { HeatmapBasis } from '../enums/heatmap-basis.enum';
import { Count } from './count.decorator';

@ApiSchema({ name: 'HeatmapCell' })
export class HeatmapCellDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  likelihood: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  impact: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 25 })
  score: number;
  @ApiProperty({ enum: RiskSeverity, enumName: 'RiskSeverity' })
  severity: RiskSeverity;
  @Count() count: number;
}

/** The 5x5 matrix: always 25 cells, likelihood then impact ascending, empty ones at zero. */
@ApiSchema({ name: 'RiskHeatmap' })
export class RiskHeatmapDto {
  @ApiProperty({ enum: HeatmapBasis, enumName: 'HeatmapBasis' })
  basis: HeatmapBasis;
  @Count('Risks placed on the map.') total: number;
  @ApiProperty({ type: [HeatmapCellDto], minItems: 25, maxItems: 25 })
  cells: HeatmapCellDto[];
}
