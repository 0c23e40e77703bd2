import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction, AuditEntityType, ExportFacts, RequestFacts } from '@rct/audit';
import { RefuseApiKeys, Roles, UserRole } from '@rct/auth';
import {
  ApiExport,
  ApiProblemResponses,
  ApiVersionedResponse,
  AuditedAs,
  IfMatch,
  Page,
  UuidParam,
} from '@rct/common';
import { CreateUserDto } from './dto/create-user.dto';
import { ExportUsersQueryDto } from './dto/export-users-query.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { ResetPasswordDto } from './dto/reset-password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserPage, UserResponseDto } from './dto/user-response.dto';
import { UserService } from './user.service';

@ApiTags('users')
@Roles(UserRole.Admin)
@ApiProblemResponses(400)
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user',
    description:
      'With `kind: service`, a service account: no password, it cannot sign in and works only through API keys.',
  })
  @ApiVersionedResponse(UserResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses({ status: 409, description: 'The e-mail is taken.' }, 413, 415)
  create(@Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return this.users.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users' })
  @ApiOkResponse({ type: UserPage, description: 'One page of users.' })
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query);
  }

  @ApiExport('users', UserResponseDto)
  @ApiOperation({ operationId: 'exportUsers', summary: 'Export users as CSV or NDJSON' })
  export(
    @Query() query: ExportUsersQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.users.export(query, facts);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'Get a user' })
  @ApiVersionedResponse(UserResponseDto)
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string): Promise<UserResponseDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change a user’s name, role or active flag',
    description: 'A new role or a deactivation ends the user’s current access tokens at once.',
  })
  @ApiVersionedResponse(UserResponseDto)
  @ApiProblemResponses(
    404,
    { status: 409, description: 'The last active admin would be lost.' },
    413,
    415,
  )
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateUserDto,
    @IfMatch() version?: number,
  ): Promise<UserResponseDto> {
    return this.users.update(id, dto, version);
  }

  @Post(':id/reset-password')
  @AuditedAs(AuditAction.PasswordReset, { entityType: AuditEntityType.User })
  @RefuseApiKeys()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'resetUserPassword',
    summary: 'Set a user’s password',
    description: 'Every session of the user ends.',
  })
  @ApiNoContentResponse({ description: 'Password set.' })
  @ApiProblemResponses(
    404,
    { status: 409, description: 'The user is a service account, which has no password.' },
    413,
    415,
  )
  resetPassword(@UuidParam('id') id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto.newPassword);
  }
}
