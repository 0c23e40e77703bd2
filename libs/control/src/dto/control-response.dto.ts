import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { ControlEffectiveness } from '../enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../enums/control-implementation-status.enum';
import { ControlType } from '../enums/control-type.enum';

export class ControlResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  riskId: string;

  code: string;

  title: string;

  description: string;

  @ApiProperty({ enum: ControlType, enumName: 'ControlType' })
  type: ControlType;

  @ApiProperty({ enum: ControlImplementationStatus, enumName: 'ControlImplementationStatus' })
  implementationStatus: ControlImplementationStatus;

  @ApiProperty({ enum: ControlEffectiveness, enumName: 'ControlEffectiveness' })
  effectiveness: ControlEffectiveness;

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
  version: number;
}

export const ControlPage = PageOf(ControlResponseDto, 'ControlPage');
