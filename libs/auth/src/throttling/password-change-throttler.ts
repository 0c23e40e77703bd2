import { Injectable } from '@nestjs/common';
import { AttemptThrottler } from './attempt-throttler';

/**
 * change-password attempts, per user and per client IP: a stolen access token must not buy
 * unlimited guesses at the current password (each also costs the server an argon2 hash).
 */
@Injectable()
export class PasswordChangeThrottler extends AttemptThrottler {
  protected readonly scope = 'password-change';
  protected readonly refusal = 'Too many wrong current passwords; wait before trying again.';
}
