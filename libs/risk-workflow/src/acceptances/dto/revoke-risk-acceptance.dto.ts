import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ApiSchema({ name: 'RevokeRiskAcceptanceRequest' })
export class RevokeRiskAcceptanceDto {
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  @ApiPropertyOptional({ example: 'The compensating control failed its test.' })
  comment?: string;
}
