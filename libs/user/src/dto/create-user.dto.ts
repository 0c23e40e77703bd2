import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { NormalizeEmail, Trim } from '@rct/common';
import { IsEmail, IsEnum, IsString, Length, MaxLength } from 'class-validator';
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

  /** 12 to 128 characters. */
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'correct-horse-battery-staple',
  })
  password: string;
}
