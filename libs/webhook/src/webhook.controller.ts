import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditAction, AuditEntityType } from '@rct/audit';
import { AuthUser, CurrentUser, Roles, UserRole } from '@rct/auth';
import {
  ApiProblemResponses,
  ApiVersionedResponse,
  AuditedAs,
  IfMatch,
  NoStore,
  Page,
  PageQueryDto,
  UuidParam,
} from '@rct/common';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListWebhookDeliveriesQueryDto } from './dto/list-webhook-deliveries-query.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import {
  WebhookDeliveryPage,
  WebhookDeliveryResponseDto,
} from './dto/webhook-delivery-response.dto';
import { WebhookPage, WebhookResponseDto, WebhookWithSecretDto } from './dto/webhook-response.dto';
import { WebhookService } from './webhook.service';

@ApiTags('webhooks')
@Roles(UserRole.Admin)
@ApiProblemResponses(400)
@Controller('webhooks')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post()
  @AuditedAs(AuditAction.Create, { entityType: AuditEntityType.Webhook })
  @NoStore()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Subscribe an endpoint to events',
    description: 'The answer holds the signing secret; it is shown this once.',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'Created, with its secret.' })
  @ApiProblemResponses(413, 415)
  create(@Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List webhook endpoints' })
  @ApiOkResponse({ type: WebhookPage, description: 'One page of endpoints, newest first.' })
  list(@Query() query: PageQueryDto): Promise<Page<WebhookResponseDto>> {
    return this.webhooks.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get a webhook endpoint' })
  @ApiVersionedResponse(WebhookResponseDto)
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string): Promise<WebhookResponseDto> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @AuditedAs(AuditAction.Update, { entityType: AuditEntityType.Webhook })
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Change an endpoint’s url, events, description or active flag',
  })
  @ApiVersionedResponse(WebhookResponseDto)
  @ApiProblemResponses(404, 413, 415)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateWebhookDto,
    @IfMatch() version?: number,
  ): Promise<WebhookResponseDto> {
    return this.webhooks.update(id, dto, version);
  }

  @Delete(':id')
  @AuditedAs(AuditAction.Delete, { entityType: AuditEntityType.Webhook })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete an endpoint and its deliveries' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404)
  remove(@UuidParam('id') id: string, @IfMatch() version?: number): Promise<void> {
    return this.webhooks.remove(id, version);
  }

  @Post(':id/rotate-secret')
  @AuditedAs(AuditAction.WebhookRotateSecret, { entityType: AuditEntityType.Webhook })
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret',
    description: 'Every delivery sent from now on is signed with the new secret, shown this once.',
  })
  @ApiOkResponse({ type: WebhookWithSecretDto, description: 'The endpoint and its new secret.' })
  @ApiProblemResponses(404)
  rotateSecret(@UuidParam('id') id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/ping')
  @AuditedAs(AuditAction.WebhookPing, { entityType: AuditEntityType.Webhook })
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'pingWebhook',
    summary: 'Queue a webhook.ping event for this endpoint',
    description: 'Follow it in the endpoint’s deliveries.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryResponseDto, description: 'Queued.' })
  @ApiProblemResponses(404, { status: 409, description: 'The endpoint is not active.' })
  ping(
    @UuidParam('id') id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<WebhookDeliveryResponseDto> {
    return this.webhooks.ping(id, { id: user.id, email: user.email, role: user.role });
  }

  @Get(':id/deliveries')
  @ApiOperation({ operationId: 'listWebhookDeliveries', summary: 'List an endpoint’s deliveries' })
  @ApiOkResponse({
    type: WebhookDeliveryPage,
    description: 'One page of deliveries, newest first.',
  })
  @ApiProblemResponses(404)
  listDeliveries(
    @UuidParam('id') id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    return this.webhooks.listDeliveries(id, query);
  }
}
