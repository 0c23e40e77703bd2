import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { IfMatch, Page, ProblemDetailsDto } from '@rct/common';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserResponseDto } from './dto/user-response.dto';
import { UserService } from './user.service';

@ApiTags('users')
@Roles(UserRole.Admin)
@ApiBadRequestResponse({ description: 'Invalid input.', type: ProblemDetailsDto })
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: 'The e-mail is taken.', type: ProblemDetailsDto })
  create(@Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users' })
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'Get a user' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserResponseDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change a user’s name, role or active flag',
    description: 'A new role or a deactivation ends the user’s current access tokens at once.',
  })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({
    description: 'The last active admin would be lost.',
    type: ProblemDetailsDto,
  })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatch() version?: number,
  ): Promise<UserResponseDto> {
    return this.users.update(id, dto, version);
  }

  @Post(':id/reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary: 'Set a user’s password',
    description: 'Every session of the user ends.',
  })
  @ApiNoContentResponse({ description: 'Password set.' })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  resetPassword(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ResetPasswordDto,
  ): Promise<void> {
    return this.users.resetPassword(id, dto.newPassword);
  }
}
