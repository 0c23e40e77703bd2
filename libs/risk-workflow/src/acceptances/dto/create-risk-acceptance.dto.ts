import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsDateTime } from '@rct/common';
import { IsString, Length } from 'class-validator';

@ApiSchema({ name: 'CreateRiskAcceptanceRequest' })
export class CreateRiskAcceptanceDto {
  /** Why the risk is accepted rather than treated (10-5,000 characters). */
  @IsString()
  @Length(10, 5_000)
  @ApiProperty({
    example: 'Legacy system retired in Q2; compensating monitoring in place until then.',
  })
  justification: string;

  /** When the acceptance lapses: in the future, at most 365 days ahead. */
  @IsDateTime()
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: Date;
}
