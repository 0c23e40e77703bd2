import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfigService } from '@rct/config';
import { AcceptanceExpiryService } from './acceptance-expiry.service';

const INTERVAL_NAME = 'risk-acceptance-expiry';

/** Runs the expiry every SCHEDULER_INTERVAL_SECONDS in every instance. */
@Injectable()
export class AcceptanceExpiryScheduler
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('AcceptanceExpiry');
  /** The run in progress: a tick during one joins it, and shutdown waits for it. */
  private inFlight?: Promise<void>;

  constructor(
    private readonly expiry: AcceptanceExpiryService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('SCHEDULER_INTERVAL_SECONDS');
    const timer = setInterval(() => void this.tick(), seconds * 1000);
    // A pending run must not keep a CLI or a test process alive.
    timer.unref();
    this.registry.addInterval(INTERVAL_NAME, timer);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) {
      this.registry.deleteInterval(INTERVAL_NAME);
    }
    await this.inFlight;
  }

  /** One run at a time; a failure is logged and the next tick tries again. */
  tick(): Promise<void> {
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async run(): Promise<void> {
    try {
      const expired = await this.expiry.expireDue();
      if (expired > 0) this.logger.log(`Expired ${expired} risk acceptance(s)`);
    } catch (error) {
      this.logger.error(
        `Risk acceptance expiry failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
