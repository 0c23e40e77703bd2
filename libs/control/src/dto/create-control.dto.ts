import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Trim, IsDateTime } from '@rct/common';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ControlEffectiveness } from '../enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../enums/control-implementation-status.enum';
import { ControlType } from '../enums/control-type.enum';

@ApiSchema({ name: 'CreateControlRequest' })
export class CreateControlDto {
  /** The risk this control treats. */
  @IsUUID()
  @ApiProperty({ format: 'uuid' })
  riskId: string;

  /** Short unique code, such as AC-01. */
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$/, {
    message: 'code must be 1-32 letters, digits or . _ : - and start with a letter or digit',
  })
  @ApiProperty({ example: 'AC-01' })
  code: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'Multi-factor authentication for remote access' })
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  @ApiPropertyOptional({
    example: 'Remote access through the VPN requires a hardware key or an authenticator app.',
  })
  description?: string;

  @IsEnum(ControlType)
  @ApiProperty({ enum: ControlType, enumName: 'ControlType' })
  type: ControlType;

  @IsOptional()
  @IsEnum(ControlImplementationStatus)
  @ApiPropertyOptional({
    enum: ControlImplementationStatus,
    enumName: 'ControlImplementationStatus',
    default: ControlImplementationStatus.Planned,
  })
  implementationStatus?: ControlImplementationStatus;

  @IsOptional()
  @IsEnum(ControlEffectiveness)
  @ApiPropertyOptional({
    enum: ControlEffectiveness,
    enumName: 'ControlEffectiveness',
    default: ControlEffectiveness.NotTested,
  })
  effectiveness?: ControlEffectiveness;

  /** Framework clauses the control satisfies, such as ISO27001:A.8.15 or SOC2:CC6.1. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9]+:[A-Za-z0-9._-]{1,60}$/, {
    each: true,
    message: 'each frameworkRefs entry must look like FRAMEWORK:CLAUSE, such as SOC2:CC6.1',
  })
  @ApiPropertyOptional({ type: String, isArray: true, example: ['ISO27001:A.8.15', 'SOC2:CC6.1'] })
  frameworkRefs?: string[];

  /** An active user accountable for the control. */
  @IsUUID()
  @ApiProperty({ format: 'uuid' })
  ownerId: string;

  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastTestedAt?: Date | null;

  @IsOptional()
  @IsDateTime()
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  nextTestDueAt?: Date | null;
}
