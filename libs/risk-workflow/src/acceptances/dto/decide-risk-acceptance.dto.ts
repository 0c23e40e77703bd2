import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { AcceptanceDecision } from '../../enums/acceptance-decision.enum';

@ApiSchema({ name: 'DecideRiskAcceptanceRequest' })
export class DecideRiskAcceptanceDto {
  @IsEnum(AcceptanceDecision)
  @ApiProperty({
    enum: AcceptanceDecision,
    enumName: 'AcceptanceDecision',
    example: AcceptanceDecision.Approved,
  })
  decision: AcceptanceDecision;

  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  @ApiPropertyOptional({ example: 'Approved until the migration completes.' })
  comment?: string;
}
