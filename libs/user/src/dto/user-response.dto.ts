import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@rct/common';
import { UserRole } from '@rct/auth';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  fullName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;

  isActive: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** Optimistic-concurrency version; also sent as the ETag. */
  version: number;
}

export const UserPage = PageOf(UserResponseDto, 'UserPage');
