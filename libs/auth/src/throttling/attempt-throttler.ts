import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { LoginAttemptStore } from './login-attempt.store';

/**
 * After LOGIN_MAX_FAILURES failed attempts per subject (an e-mail, a user) or per client IP
 * within LOGIN_FAILURE_WINDOW, answers 429. Each attempt is counted before its password is
 * checked, and taken back when it succeeds or is refused: a burst of guesses sent at once
 * cannot all pass while the first are still being verified (argon2 takes tens of
 * milliseconds), as they could when only failures were counted.
 */
// Decorated so its constructor's parameter types reach the subclasses Nest injects.
@Injectable()
export abstract class AttemptThrottler {
  /** Names the counters (`login`, `password-change`) so each guarded action counts apart. */
  protected abstract readonly scope: string;
  /** The 429's detail. */
  protected abstract readonly refusal: string;

  constructor(
    private readonly store: LoginAttemptStore,
    private readonly config: AppConfigService,
  ) {}

  /** How a subject is keyed; e-mails ignore case and surrounding spaces. */
  protected normalize(subject: string): string {
    return subject;
  }

  private subjectKey(subject: string): string {
    return `${this.scope}:subject:${this.normalize(subject)}`;
  }

  private ipKey(ip: string): string {
    return `${this.scope}:ip:${ip}`;
  }

  /** Counts the attempt against the subject and the address; 429 if either is past the limit. */
  async admit(subject: string, ip: string): Promise<void> {
    const max = this.config.get('LOGIN_MAX_FAILURES');
    const windowMs = this.config.get('LOGIN_FAILURE_WINDOW') * 1000;
    const keys = [this.subjectKey(subject), this.ipKey(ip)];
    const windows = await Promise.all(keys.map((key) => this.store.increment(key, windowMs)));
    const blocking = windows.filter((window) => window.count > max);
    if (blocking.length === 0) return;
    // A refused attempt checks no password, so it is not a failure: the counts stay as they were.
    await Promise.all(keys.map((key) => this.store.decrement(key)));
    const resetAt = Math.max(...blocking.map((window) => window.resetAt));
    throw new TooManyRequestsError(this.refusal, (resetAt - Date.now()) / 1000);
  }

  /**
   * A success clears the subject's count and takes its attempt back from the address (whose
   * count stays: the address may be shared). A failure needs nothing: it was counted.
   */
  async recordSuccess(subject: string, ip: string): Promise<void> {
    await Promise.all([
      this.store.reset(this.subjectKey(subject)),
      this.store.decrement(this.ipKey(ip)),
    ]);
  }
}
