import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';

@ApiSchema({ name: 'ChangePasswordRequest' })
export class ChangePasswordDto {
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  @ApiProperty({ format: 'password', example: 'correct-horse-battery-staple' })
  currentPassword: string;

  /** 12 to 128 characters. */
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'staple-battery-horse-correct',
  })
  newPassword: string;
}
