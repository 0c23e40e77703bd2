import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { UserRole } from '@rct/auth';
import { UserKind } from '../enums/user-kind.enum';

@ApiSchema({ name: 'User' })
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email', example: 'dana.risk@example.com' })
  email: string;

  @ApiProperty({ example: 'Dana Okafor' })
  fullName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;

  @ApiProperty({ enum: UserKind, enumName: 'UserKind' })
  kind: UserKind;

  isActive: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  version: number;
}

export const UserPage = PageOf(UserResponseDto, 'UserPage');
