import { PartialType, PickType } from '@nestjs/swagger';
import { CreateUserDto } from './create-user.dto';

/** What a user may change about themselves: role, active flag and e-mail are not here. */
export class UpdateProfileDto extends PartialType(PickType(CreateUserDto, ['fullName'] as const)) {}
