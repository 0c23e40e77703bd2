import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@rct/auth';
import { ApiProblemResponses, ApiVersionedResponse } from '@rct/common';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { UserService } from './user.service';

/** The signed-in user's own profile; role and active flag are not writable here. */
@ApiTags('auth')
@Authenticated()
@Controller('auth/me')
export class ProfileController {
  constructor(private readonly users: UserService) {}

  @Get()
  @ApiOperation({ operationId: 'getMyProfile', summary: 'Your own profile' })
  @ApiVersionedResponse(UserResponseDto)
  get(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.users.get(user.id);
  }

  @Patch()
  @ApiOperation({ operationId: 'updateMyProfile', summary: 'Change your own name' })
  @ApiVersionedResponse(UserResponseDto)
  @ApiProblemResponses(
    { status: 400, description: 'An invalid, unknown or read-only field.' },
    413,
    415,
  )
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserResponseDto> {
    return this.users.updateProfile(user.id, dto);
  }
}
