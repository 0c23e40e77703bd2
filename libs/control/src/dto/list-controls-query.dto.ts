import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, sortValues, Trim } from '@rct/common';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ControlEffectiveness } from '../enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../enums/control-implementation-status.enum';
import { ControlType } from '../enums/control-type.enum';

export const CONTROL_SORT_FIELDS = [
  'code',
  'title',
  'createdAt',
  'updatedAt',
  'nextTestDueAt',
] as const;
export type ControlSortField = (typeof CONTROL_SORT_FIELDS)[number];

export class ListControlsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  riskId?: string;

  /** Implementation status. */
  @IsOptional()
  @IsEnum(ControlImplementationStatus)
  @ApiPropertyOptional({
    enum: ControlImplementationStatus,
    enumName: 'ControlImplementationStatus',
  })
  status?: ControlImplementationStatus;

  @IsOptional()
  @IsEnum(ControlEffectiveness)
  @ApiPropertyOptional({ enum: ControlEffectiveness, enumName: 'ControlEffectiveness' })
  effectiveness?: ControlEffectiveness;

  @IsOptional()
  @IsEnum(ControlType)
  @ApiPropertyOptional({ enum: ControlType, enumName: 'ControlType' })
  type?: ControlType;

  @IsOptional()
  @IsUUID()
  ownerId?: string;

  /** Controls citing this framework clause, such as SOC2:CC6.1. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  frameworkRef?: string;

  /** Words to find in code, title or description (web-search syntax). */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A field, descending with a leading `-`. */
  @IsOptional()
  @IsIn(sortValues(CONTROL_SORT_FIELDS))
  @ApiPropertyOptional({
    enum: sortValues(CONTROL_SORT_FIELDS),
    enumName: 'ControlSort',
    default: 'code',
  })
  sort: string = 'code';
}
