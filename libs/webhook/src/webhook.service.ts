import { Injectable } from '@nestjs/common';
import { AuditAction, AuditActor, AuditContext, AuditEntityType } from '@rct/audit';
import { assertVersion, orNotFound, Page, PageQueryDto, toPage } from '@rct/common';
import { randomUUID } from 'node:crypto';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { ListWebhookDeliveriesQueryDto } from './dto/list-webhook-deliveries-query.dto';
import { UpdateWebhookDto } from './dto/update-webhook.dto';
import { WebhookDeliveryResponseDto } from './dto/webhook-delivery-response.dto';
import { WebhookResponseDto, WebhookWithSecretDto } from './dto/webhook-response.dto';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { PING_EVENT } from './event-types';
import { SecretBox } from './secret/secret-box';
import { generateWebhookSecret } from './secret/webhook-secret';
import { WebhookTargetError, WebhookTargetGuard } from './ssrf/webhook-target.guard';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import {
  WebhookInactiveError,
  WebhookNotFoundError,
  WebhookTargetRefusedError,
} from './webhook.errors';
import { toWebhookDeliveryResponse, toWebhookResponse } from './webhook.mapper';
import { WebhookRepository } from './webhook.repository';

/** Endpoint management for admins; the outbox and the dispatcher do the sending. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly box: SecretBox,
    private readonly targets: WebhookTargetGuard,
    private readonly audit: AuditContext,
  ) {}

  async create(dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    await this.checkTarget(dto.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
    const webhook = toWebhookResponse(
      await this.webhooks.insert({
        id,
        url: dto.url,
        events: dto.events,
        description: dto.description ?? '',
        secret: this.box.seal(secret, id),
      }),
    );
    this.audit.describeChange(AuditAction.Create, AuditEntityType.Webhook, null, webhook);
    return { webhook, secret };
  }

  async list(query: PageQueryDto): Promise<Page<WebhookResponseDto>> {
    const page = await this.webhooks.list(query);
    return toPage(page.items.map(toWebhookResponse), page.total, query);
  }

  async get(id: string): Promise<WebhookResponseDto> {
    return toWebhookResponse(await this.find(id));
  }

  async update(
    id: string,
    dto: UpdateWebhookDto,
    expectedVersion?: number,
  ): Promise<WebhookResponseDto> {
    const endpoint = await this.lock(id, expectedVersion);
    if (dto.url !== undefined && dto.url !== endpoint.url) await this.checkTarget(dto.url);
    const before = toWebhookResponse(endpoint);
    // Switched back on, an endpoint starts a new run: its old dead deliveries no longer count.
    const restart = dto.active === true && !endpoint.active ? { consecutiveDead: 0 } : {};
    const after = toWebhookResponse(await this.webhooks.update(endpoint, { ...dto, ...restart }));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.Webhook, before, after);
    return after;
  }

  /** Its deliveries go with it, sent or not. */
  async remove(id: string, expectedVersion?: number): Promise<void> {
    const endpoint = await this.lock(id, expectedVersion);
    await this.webhooks.remove(endpoint.id);
    this.audit.describeChange(
      AuditAction.Delete,
      AuditEntityType.Webhook,
      toWebhookResponse(endpoint),
      null,
    );
  }

  /** Deliveries not yet sent are signed with the new secret from now on. */
  async rotateSecret(id: string): Promise<WebhookWithSecretDto> {
    const endpoint = await this.lock(id);
    const secret = generateWebhookSecret();
    const before = toWebhookResponse(endpoint);
    const webhook = toWebhookResponse(
      await this.webhooks.update(endpoint, { secret: this.box.seal(secret, endpoint.id) }),
    );
    this.audit.describeChange(
      AuditAction.WebhookRotateSecret,
      AuditEntityType.Webhook,
      before,
      webhook,
    );
    return { webhook, secret };
  }

  /** Queues a `webhook.ping` event for this endpoint alone. */
  async ping(id: string, actor: AuditActor): Promise<WebhookDeliveryResponseDto> {
    const endpoint = await this.find(id);
    if (!endpoint.active) throw new WebhookInactiveError(id);
    const delivery = await this.deliveries.queueFor(endpoint.id, {
      eventId: randomUUID(),
      eventType: PING_EVENT,
      occurredAt: new Date(),
      payload: {
        actor,
        data: { entityType: AuditEntityType.Webhook, entityId: endpoint.id, changes: {} },
      },
    });
    this.audit.describe({
      action: AuditAction.WebhookPing,
      entityType: AuditEntityType.Webhook,
      entityId: endpoint.id,
      details: { eventId: { from: null, to: delivery.eventId } },
    });
    return toWebhookDeliveryResponse(delivery);
  }

  async listDeliveries(
    id: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<Page<WebhookDeliveryResponseDto>> {
    await this.find(id);
    const page = await this.deliveries.listForEndpoint(id, query.status, query);
    return toPage(page.items.map(toWebhookDeliveryResponse), page.total, query);
  }

  private async find(id: string): Promise<WebhookEndpointEntity> {
    return orNotFound(await this.webhooks.findById(id), () => new WebhookNotFoundError(id));
  }

  private async lock(id: string, expectedVersion?: number): Promise<WebhookEndpointEntity> {
    const endpoint = orNotFound(
      await this.webhooks.findByIdForUpdate(id),
      () => new WebhookNotFoundError(id),
    );
    assertVersion(expectedVersion, endpoint.version);
    return endpoint;
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await this.targets.checkSaved(url);
    } catch (error) {
      if (error instanceof WebhookTargetError) throw new WebhookTargetRefusedError(error.message);
      throw error;
    }
  }
}
