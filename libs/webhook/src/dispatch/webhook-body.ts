import { ClaimedDelivery } from '../webhook-delivery.repository';

/** The JSON a receiver gets: `{id, type, occurredAt, actor, data}`; the same on every retry. */
export function webhookBody(
  delivery: Pick<ClaimedDelivery, 'eventId' | 'eventType' | 'occurredAt' | 'payload'>,
): string {
  return JSON.stringify({
    id: delivery.eventId,
    type: delivery.eventType,
    occurredAt: delivery.occurredAt.toISOString(),
    actor: delivery.payload.actor,
    data: delivery.payload.data,
  });
}
