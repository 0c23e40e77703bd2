import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { UserRole } from '@rct/auth';
import { PageOf } from '@rct/common';

/** An API key as clients see it: never its secret nor its hash. */
@ApiSchema({ name: 'ApiKey' })
export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'CI evidence uploader' })
  name: string;

  /** The 8 characters after `rct_` in the secret: enough to recognise a key, not to use it. */
  @ApiProperty({ example: 'Xk3r9QaB', minLength: 8, maxLength: 8 })
  prefix: string;

  /** The key's own role; a request acts with the lower of this and the owner's current role. */
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;

  /** The owner, whom audit events name as the actor. */
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  /** Updated at most once a minute. */
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastUsedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export const ApiKeyPage = PageOf(ApiKeyResponseDto, 'ApiKeyPage');
