import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AUDIT_CHECKPOINT_EVENT } from '@rct/audit';
import { ALL_EVENTS } from './event-types';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';

/** A checkpoint as the audit library emits it (its AuditCheckpoint response). */
interface EmittedCheckpoint {
  id: string;
  signedAt: string;
  [field: string]: unknown;
}

/**
 * Sends each signed checkpoint as the `audit.checkpoint` event, so copies live outside the
 * database. Queued in the transaction that stores the checkpoint (the writer awaits its
 * listeners there), so a checkpoint is never stored without its deliveries, nor the other way
 * round; a failure here is not suppressed, and rolls the checkpoint back.
 */
@Injectable()
export class AuditCheckpointListener {
  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  @OnEvent(AUDIT_CHECKPOINT_EVENT, { suppressErrors: false })
  async queue(checkpoint: EmittedCheckpoint): Promise<void> {
    await this.deliveries.queueForSubscribers(
      {
        eventId: checkpoint.id,
        eventType: AUDIT_CHECKPOINT_EVENT,
        occurredAt: new Date(checkpoint.signedAt),
        payload: {
          actor: { id: null, email: null, role: 'system' },
          data: {
            entityType: 'audit_checkpoint',
            entityId: checkpoint.id,
            changes: {},
            checkpoint,
          },
        },
      },
      [ALL_EVENTS, AUDIT_CHECKPOINT_EVENT],
    );
  }
}
