import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  @ApiProperty({ format: 'email', example: 'admin@example.com' })
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @ApiProperty({ format: 'password' })
  password: string;
}
