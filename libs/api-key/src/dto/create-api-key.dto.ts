import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { UserRole } from '@rct/auth';
import { IsDateTime, Trim } from '@rct/common';
import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';

@ApiSchema({ name: 'CreateApiKeyRequest' })
export class CreateApiKeyDto {
  /** What the key is for, such as the integration that uses it. */
  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'CI evidence uploader' })
  name: string;

  /** When the key stops working: in the future, at most 365 days ahead. */
  @IsDateTime()
  @ApiProperty({ type: String, format: 'date-time', example: '2027-01-31T00:00:00Z' })
  expiresAt: Date;

  /** At most the owner's role; defaults to it. The key acts with the lower of the two. */
  @IsOptional()
  @IsEnum(UserRole)
  @ApiPropertyOptional({ enum: UserRole, enumName: 'UserRole' })
  role?: UserRole;

  /** Admins only: the user (or service account) the key belongs to; defaults to you. */
  @IsOptional()
  @IsUUID()
  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;
}
