import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@rct/auth';
import { IsString, Length } from 'class-validator';

@ApiSchema({ name: 'ResetPasswordRequest' })
export class ResetPasswordDto {
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
