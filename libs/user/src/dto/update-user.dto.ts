import { ApiPropertyOptional, ApiSchema, OmitType } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateUserDto } from './create-user.dto';

@ApiSchema({ name: 'UpdateUserRequest' })
export class UpdateUserDto extends UpdateType(
  OmitType(CreateUserDto, ['email', 'password'] as const),
) {
  /** False deactivates the user: sign-in and every session end at once. */
  @IsOptional()
  @IsBoolean()
  @ApiPropertyOptional()
  isActive?: boolean;
}
