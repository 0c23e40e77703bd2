import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { ControlEffectiveness } from '../enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../enums/control-implementation-status.enum';
import { ControlType } from '../enums/control-type.enum';

@ApiSchema({ name: 'Control' })
export class ControlResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  riskId: string;

  @ApiProperty({ example: 'AC-01' })
  code: string;

  @ApiProperty({ example: 'Multi-factor authentication for remote access' })
  title: string;

  @ApiProperty({
    example: 'Remote access through the VPN requires a hardware key or an authenticator app.',
  })
  description: string;

  @ApiProperty({ enum: ControlType, enumName: 'ControlType' })
  type: ControlType;

  @ApiProperty({ enum: ControlImplementationStatus, enumName: 'ControlImplementationStatus' })
  implementationStatus: ControlImplementationStatus;

  @ApiProperty({ enum: ControlEffectiveness, enumName: 'ControlEffectiveness' })
  effectiveness: ControlEffectiveness;

  @ApiProperty({ type: String, isArray: true, example: ['ISO27001:A.8.15', 'SOC2:CC6.1'] })
  frameworkRefs: string[];

  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastTestedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextTestDueAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version: number;
}

export const ControlPage = PageOf(ControlResponseDto, 'ControlPage');
