import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserRole } from '../roles/user-role.enum';

@ApiSchema({ name: 'SignedInUser' })
export class SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email', example: 'admin@example.com' })
  email: string;

  @ApiProperty({ example: 'Ada Admin' })
  fullName: string;

  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;
}

@ApiSchema({ name: 'TokenPair' })
export class TokenPairDto {
  /** Short-lived JWT for the Authorization header. */
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI...' })
  accessToken: string;

  /** Opaque, single-use; exchange it at /auth/refresh for the next pair. */
  @ApiProperty({ example: 'pB4c1Q2l0m8yq0o5b3mO2x7Wc9r6LwZQ1sVdE3aT8fM' })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  /** Seconds until the access token expires. */
  @ApiProperty({ type: 'integer', example: 900 })
  expiresIn: number;

  user: SignedInUserDto;
}
