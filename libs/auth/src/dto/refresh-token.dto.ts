import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  /** The refresh token from the last sign-in or refresh. */
  @IsString()
  @Length(1, 2048)
  refreshToken: string;
}
