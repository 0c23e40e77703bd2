import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

@ApiSchema({ name: 'RefreshTokenRequest' })
export class RefreshTokenDto {
  /** The refresh token from the last sign-in or refresh. */
  @IsString()
  @Length(1, 2048)
  @ApiProperty({ example: 'pB4c1Q2l0m8yq0o5b3mO2x7Wc9r6LwZQ1sVdE3aT8fM' })
  refreshToken: string;
}
