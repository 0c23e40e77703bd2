import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { randomUUID } from 'node:crypto';
import { SecretBox } from '../secret/secret-box';
import { signWebhook } from '../secret/webhook-secret';
import { WebhookTargetGuard } from '../ssrf/webhook-target.guard';
import {
  AttemptResult,
  ClaimedDelivery,
  WebhookDeliveryRepository,
} from '../webhook-delivery.repository';
import { WebhookDisabler } from '../webhook-disabler';
import { RetrySchedule } from './retry-schedule';
import { webhookBody } from './webhook-body';
import { closeWebhookConnections, postWebhook } from './webhook-sender';

/**
 * Runs in every instance: every WEBHOOK_POLL_INTERVAL_MS it claims due deliveries (SKIP LOCKED,
 * under a lease), sends them at once, records each outcome, and goes on while batches come
 * back full. At shutdown it claims nothing more and waits for the batch in flight to be sent
 * and recorded, before the pool closes; a delivery claimed by an instance that died is retried
 * by another once its lease runs out.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly schedule: RetrySchedule;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  /** Longer than any attempt can take, so a lease never runs out under a live sender. */
  private readonly leaseSeconds: number;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private running?: Promise<void>;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly targets: WebhookTargetGuard,
    private readonly box: SecretBox,
    private readonly disabler: WebhookDisabler,
    config: AppConfigService,
  ) {
    this.schedule = new RetrySchedule(config.get('WEBHOOK_RETRY_SCHEDULE'));
    this.timeoutMs = config.get('WEBHOOK_TIMEOUT_MS');
    this.pollMs = config.get('WEBHOOK_POLL_INTERVAL_MS');
    this.batchSize = config.get('WEBHOOK_BATCH_SIZE');
    this.leaseSeconds = 2 * Math.ceil(this.timeoutMs / 1000) + 60;
    if (config.isProduction && !box.seals) {
      this.logger.warn('WEBHOOK_SECRET_KEY is not set: webhook secrets are stored unsealed');
    }
  }

  onApplicationBootstrap(): void {
    this.next();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
    closeWebhookConnections();
  }

  /** Sends what is due now; resolves once every claimed delivery is recorded. */
  drainOnce(): Promise<void> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private next(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      void this.drainOnce().finally(() => this.next());
    }, this.pollMs);
    // Pending deliveries must not keep a CLI or a test process alive.
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopping) {
        const leaseId = randomUUID();
        const batch = await this.deliveries.claim(leaseId, this.batchSize, this.leaseSeconds);
        await this.deliverAll(batch, leaseId);
        if (batch.length < this.batchSize) return;
      }
    } catch (error) {
      this.logger.error(`Webhook dispatch failed: ${(error as Error).message}`);
    }
  }

  /** Sends a claim's deliveries at once; successes are recorded together, failures each. */
  private async deliverAll(batch: ClaimedDelivery[], leaseId: string): Promise<void> {
    const attempts = await Promise.all(
      batch.map(async (delivery) => ({ delivery, result: await this.attempt(delivery) })),
    );
    const succeeded = attempts.filter(({ result }) => isSuccess(result));
    await this.recording(`${succeeded.length} deliveries`, () =>
      this.deliveries.recordSuccesses(
        leaseId,
        succeeded.map(({ delivery, result }) => ({ id: delivery.id, result })),
      ),
    );
    for (const { delivery, result } of attempts.filter(({ result }) => !isSuccess(result))) {
      await this.recording(`delivery ${delivery.id}`, () =>
        this.recordFailure(delivery, leaseId, result),
      );
    }
  }

  /** A failure to record is logged: the lease runs out and the delivery is tried again. */
  private async recording(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.error(`Could not record ${what}: ${(error as Error).message}`);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<AttemptResult> {
    try {
      const secret = this.box.open(delivery.storedSecret, delivery.endpointId);
      const pinned = await this.targets.pin(delivery.url);
      const body = webhookBody(delivery);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, delivery.eventId, timestamp, body),
      };
      return await postWebhook(delivery.url, pinned, headers, body, this.timeoutMs);
    } catch (error) {
      return { responseStatus: null, durationMs: 0, error: (error as Error).message };
    }
  }

  private async recordFailure(
    delivery: ClaimedDelivery,
    leaseId: string,
    result: AttemptResult,
  ): Promise<void> {
    const delay = this.schedule.delayAfter(delivery.attempt + 1);
    if (delay !== null) {
      await this.deliveries.recordRetry(delivery.id, leaseId, result, delay);
      return;
    }
    const deadInARow = await this.deliveries.recordDead(delivery.id, leaseId, result);
    if (
      deadInARow !== null &&
      (await this.disabler.disableIfFailing(delivery.endpointId, deadInARow))
    ) {
      this.logger.warn(
        `Webhook ${delivery.endpointId} disabled after ${deadInARow} dead deliveries in a row`,
      );
    }
  }
}

function isSuccess(result: AttemptResult): boolean {
  const status = result.responseStatus;
  return result.error === null && status !== null && status >= 200 && status < 300;
}
