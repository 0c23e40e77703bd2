import { ApiSchema, PickType } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { CreateUserDto } from './create-user.dto';

/** What a user may change about themselves: role, active flag and e-mail are not here. */
@ApiSchema({ name: 'UpdateProfileRequest' })
export class UpdateProfileDto extends UpdateType(PickType(CreateUserDto, ['fullName'] as const)) {}
