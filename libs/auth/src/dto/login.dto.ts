import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

@ApiSchema({ name: 'LoginRequest' })
export class LoginDto {
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  @ApiProperty({ format: 'email', example: 'admin@example.com' })
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @ApiProperty({ format: 'password', example: 'correct-horse-battery-staple' })
  password: string;
}
