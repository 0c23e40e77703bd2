import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '@rct/auth';
import { ProblemDetailsDto } from '@rct/common';
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
  @ApiOkResponse({ type: UserResponseDto })
  get(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.users.get(user.id);
  }

  @Patch()
  @ApiOperation({ operationId: 'updateMyProfile', summary: 'Change your own name' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiBadRequestResponse({ description: 'Unknown or read-only field.', type: ProblemDetailsDto })
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<UserResponseDto> {
    return this.users.updateProfile(user.id, dto);
  }
}
