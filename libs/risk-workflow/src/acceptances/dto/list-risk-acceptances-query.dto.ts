import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateTime, PageQueryDto } from '@rct/common';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { RiskAcceptanceStatus } from '../../enums/risk-acceptance-status.enum';

export class ListRiskAcceptancesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  riskId?: string;

  @IsOptional()
  @IsEnum(RiskAcceptanceStatus)
  @ApiPropertyOptional({ enum: RiskAcceptanceStatus, enumName: 'RiskAcceptanceStatus' })
  status?: RiskAcceptanceStatus;

  /** Only acceptances whose expiresAt is before this moment. */
  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  expiresBefore?: Date;
}
