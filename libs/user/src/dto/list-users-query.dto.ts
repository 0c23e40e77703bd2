import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, sortValues, ToBoolean, Trim } from '@rct/common';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { UserRole } from '@rct/auth';
import { UserKind } from '../enums/user-kind.enum';

export const USER_SORT_FIELDS = ['email', 'fullName', 'role', 'createdAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

export class ListUsersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsEnum(UserRole)
  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole' })
  role?: UserRole;

  @IsOptional()
  @IsEnum(UserKind)
  @ApiPropertyOptional({ enum: UserKind, enumName: 'UserKind' })
  kind?: UserKind;

  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  isActive?: boolean;

  /** Matches e-mail or full name, case-insensitively. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  /** A field, descending with a leading `-`. */
  @IsOptional()
  @IsIn(sortValues(USER_SORT_FIELDS))
  @ApiPropertyOptional({
    enum: sortValues(USER_SORT_FIELDS),
    enumName: 'UserSort',
    default: 'email',
  })
  sort: string = 'email';
}
