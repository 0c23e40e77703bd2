import { Injectable, Logger } from '@nestjs/common';
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
 * database. Queued once the checkpoint is stored: a crash in between loses that copy, not the
 * checkpoint, and the next checkpoint covers the same chain.
 */
@Injectable()
export class AuditCheckpointListener {
  private readonly logger = new Logger('WebhookCheckpoints');

  constructor(private readonly deliveries: WebhookDeliveryRepository) {}

  @OnEvent(AUDIT_CHECKPOINT_EVENT)
  async queue(checkpoint: EmittedCheckpoint): Promise<void> {
    try {
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
    } catch (error) {
      this.logger.error(`Could not queue checkpoint ${checkpoint.id}: ${(error as Error).message}`);
    }
  }
}
