import { Injectable } from '@nestjs/common';
import { AttemptThrottler } from './attempt-throttler';

/** Sign-in attempts, per e-mail and per client IP. */
@Injectable()
export class LoginThrottler extends AttemptThrottler {
  protected readonly scope = 'login';
  protected readonly refusal = 'Too many failed sign-ins; wait before trying again.';

  protected override normalize(email: string): string {
    return email.trim().toLowerCase();
  }
}
