import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { LoginAttemptStore } from './login-attempt.store';

const emailKey = (email: string) => `login:email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

/**
 * After LOGIN_MAX_FAILURES failed sign-ins per e-mail or per client IP, answers 429. Each
 * attempt is counted before its password is checked, and taken back when it succeeds or is
 * refused: a burst of guesses sent at once cannot all pass while the first are still being
 * verified (argon2 takes tens of milliseconds), as they could when only failures were counted.
 */
@Injectable()
export class LoginThrottler {
  constructor(
    private readonly store: LoginAttemptStore,
    private readonly config: AppConfigService,
  ) {}

  /** Counts the attempt against the e-mail and the address; 429 if either is past the limit. */
  async admit(email: string, ip: string): Promise<void> {
    const max = this.config.get('LOGIN_MAX_FAILURES');
    const windowMs = this.config.get('LOGIN_FAILURE_WINDOW') * 1000;
    const keys = [emailKey(email), ipKey(ip)];
    const windows = await Promise.all(keys.map((key) => this.store.increment(key, windowMs)));
    const blocking = windows.filter((window) => window.count > max);
    if (blocking.length === 0) return;
    // A refused attempt checks no password, so it is not a failure: the counts stay as they were.
    await Promise.all(keys.map((key) => this.store.decrement(key)));
    const resetAt = Math.max(...blocking.map((window) => window.resetAt));
    throw new TooManyRequestsError(
      'Too many failed sign-ins; wait before trying again.',
      (resetAt - Date.now()) / 1000,
    );
  }

  /**
   * A successful sign-in clears the e-mail's count and takes its attempt back from the address
   * (whose count stays: the address may be shared). A failed one needs nothing: it was counted.
   */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await Promise.all([this.store.reset(emailKey(email)), this.store.decrement(ipKey(ip))]);
  }
}
