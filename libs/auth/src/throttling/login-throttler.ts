import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { LoginAttemptStore } from './login-attempt.store';

const emailKey = (email: string) => `login:email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

/** After LOGIN_MAX_FAILURES failed sign-ins per e-mail or per client IP, answers 429. */
@Injectable()
export class LoginThrottler {
  constructor(
    private readonly store: LoginAttemptStore,
    private readonly config: AppConfigService,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const max = this.config.get('LOGIN_MAX_FAILURES');
    const windows = await Promise.all(
      [emailKey(email), ipKey(ip)].map((key) => this.store.peek(key)),
    );
    const blocking = windows.filter((window) => window !== undefined && window.count >= max);
    if (blocking.length === 0) return;
    const resetAt = Math.max(...blocking.map((window) => window!.resetAt));
    throw new TooManyRequestsError(
      'Too many failed sign-ins; wait before trying again.',
      (resetAt - Date.now()) / 1000,
    );
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const windowMs = this.config.get('LOGIN_FAILURE_WINDOW') * 1000;
    await Promise.all(
      [emailKey(email), ipKey(ip)].map((key) => this.store.increment(key, windowMs)),
    );
  }

  /** A successful sign-in clears the e-mail's count (not the address's: it may be shared). */
  recordSuccess(email: string): Promise<void> {
    return this.store.reset(emailKey(email));
  }
}
