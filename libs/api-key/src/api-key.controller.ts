import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditAction, AuditEntityType } from '@rct/audit';
import { AuthUser, CurrentUser, RefuseApiKeys } from '@rct/auth';
import { ApiProblemResponses, AuditedAs, NoStore, Page, UuidParam } from '@rct/common';
import { ApiKeyService } from './api-key.service';
import { ApiKeyPage, ApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { CreatedApiKeyDto } from './dto/created-api-key.dto';
import { ListApiKeysQueryDto } from './dto/list-api-keys-query.dto';

/** Everyone manages their own keys; admins anyone's. Only with a sign-in, never with a key. */
@ApiTags('api-keys')
@RefuseApiKeys()
@ApiProblemResponses(400)
@Controller('api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @AuditedAs(AuditAction.ApiKeyCreate, { entityType: AuditEntityType.ApiKey })
  @NoStore()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key; its secret is shown once',
    description:
      'Send the secret as `X-API-Key`. The key acts as its owner with the lower of its role and the owner’s current role, until it expires or is revoked, or the owner is deactivated.',
  })
  @ApiCreatedResponse({
    type: CreatedApiKeyDto,
    description: 'Created; the only answer with the secret.',
  })
  @ApiProblemResponses(
    {
      status: 403,
      description:
        'Made with an API key, a role above the owner’s, or another user’s key without being an admin.',
    },
    413,
    415,
    { status: 422, description: 'userId is not an active user.' },
  )
  create(@Body() dto: CreateApiKeyDto, @CurrentUser() user: AuthUser): Promise<CreatedApiKeyDto> {
    return this.keys.create(dto, user);
  }

  @Get()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List your API keys (admins: anyone’s)',
  })
  @ApiOkResponse({ type: ApiKeyPage, description: 'One page of keys, newest first.' })
  @ApiProblemResponses({
    status: 403,
    description: 'Made with an API key, or another user’s keys without being an admin.',
  })
  list(
    @Query() query: ListApiKeysQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<Page<ApiKeyResponseDto>> {
    return this.keys.list(query, user);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey', summary: 'Get an API key (never its secret)' })
  @ApiOkResponse({ type: ApiKeyResponseDto, description: 'The key.' })
  @ApiProblemResponses({ status: 404, description: 'No key with this id is yours to see.' })
  get(@UuidParam('id') id: string, @CurrentUser() user: AuthUser): Promise<ApiKeyResponseDto> {
    return this.keys.get(id, user);
  }

  @Delete(':id')
  @AuditedAs(AuditAction.ApiKeyRevoke, { entityType: AuditEntityType.ApiKey })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    description: 'It stops working at once. Revoking a revoked key changes nothing.',
  })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblemResponses({ status: 404, description: 'No key with this id is yours to revoke.' })
  revoke(@UuidParam('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.keys.revoke(id, user);
  }
}
