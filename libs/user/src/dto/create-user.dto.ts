import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { NormalizeEmail, Trim } from '@rct/common';
import {
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { UserKind } from '../enums/user-kind.enum';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, UserRole } from '@rct/auth';

@ApiSchema({ name: 'CreateUserRequest' })
export class CreateUserDto {
  /** Sign-in name; compared case-insensitively. */
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  @ApiProperty({ format: 'email', example: 'dana.risk@example.com' })
  email: string;

  @Trim()
  @IsString()
  @Length(1, 200)
  @ApiProperty({ example: 'Dana Okafor' })
  fullName: string;

  @IsEnum(UserRole)
  @ApiProperty({ enum: UserRole, enumName: 'UserRole' })
  role: UserRole;

  /** `service`: a machine client with no password, which works only through API keys. */
  @IsOptional()
  @IsEnum(UserKind)
  @ApiPropertyOptional({ enum: UserKind, enumName: 'UserKind', default: UserKind.Human })
  kind?: UserKind;

  /** 12 to 128 characters; required for a human, never given for a service account. */
  @ValidateIf((dto: CreateUserDto) => dto.kind !== UserKind.Service || dto.password !== undefined)
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @ApiPropertyOptional({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'correct-horse-battery-staple',
  })
  password?: string;
}
