import { WebhookDeliveryResponseDto } from './dto/webhook-delivery-response.dto';
import { WebhookResponseDto } from './dto/webhook-response.dto';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';

export function toWebhookResponse(endpoint: WebhookEndpointEntity): WebhookResponseDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: [...endpoint.events],
    description: endpoint.description,
    active: endpoint.active,
    consecutiveDeadDeliveries: endpoint.consecutiveDead,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
    version: endpoint.version,
  };
}

export function toWebhookDeliveryResponse(
  delivery: WebhookDeliveryEntity,
): WebhookDeliveryResponseDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    attempt: delivery.attempt,
    status: delivery.status,
    responseStatus: delivery.responseStatus,
    durationMs: delivery.durationMs,
    error: delivery.error,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  };
}
