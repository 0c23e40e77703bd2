import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '../roles/user-role.enum';

export class SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  fullName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;
}

export class TokenPairDto {
  /** Short-lived JWT for the Authorization header. */
  accessToken: string;

  /** Opaque, single-use; exchange it at /auth/refresh for the next pair. */
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  /** Seconds until the access token expires. */
  @ApiProperty({ example: 900 })
  expiresIn: number;

  user: SignedInUserDto;
}
