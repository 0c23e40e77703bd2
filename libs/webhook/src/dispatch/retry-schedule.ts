/** WEBHOOK_RETRY_SCHEDULE: seconds to wait before each retry; after the last one, dead. */
export class RetrySchedule {
  private readonly delays: number[];

  constructor(setting: string) {
    this.delays = setting.split(',').map((part) => Number(part.trim()));
    if (this.delays.some((delay) => !Number.isInteger(delay) || delay < 0)) {
      throw new Error(`Not a retry schedule: ${setting}`);
    }
  }

  /** Seconds until the next try after `attempts` failed attempts; null: give up (dead). */
  delayAfter(attempts: number): number | null {
    return this.delays[attempts - 1] ?? null;
  }

  /** Attempts a delivery gets in all: the first and one per delay. */
  get attempts(): number {
    return this.delays.length + 1;
  }
}
