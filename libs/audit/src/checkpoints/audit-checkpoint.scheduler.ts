import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { AuditCheckpointWriter } from './audit-checkpoint.writer';

/**
 * Writes a checkpoint every AUDIT_CHECKPOINT_INTERVAL seconds and a last one at shutdown,
 * before the pool closes (onApplicationShutdown is where TypeORM closes it).
 */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoint');
  private timer?: NodeJS.Timeout;
  /** The write in progress: a tick during one joins it, and shutdown waits for it. */
  private inFlight?: Promise<void>;

  constructor(
    private readonly writer: AuditCheckpointWriter,
    private readonly config: AppConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('AUDIT_CHECKPOINT_INTERVAL');
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    // A pending checkpoint must not keep a CLI or a test process alive.
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    await this.tick();
  }

  /** One write at a time; a failure is logged and the next tick tries again. */
  tick(): Promise<void> {
    this.inFlight ??= this.write().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async write(): Promise<void> {
    try {
      await this.writer.write();
    } catch (error) {
      this.logger.error(
        `Audit checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
