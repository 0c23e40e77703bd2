import { HttpStatus } from '@nestjs/common';
import { TooManyRequestsError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { InMemoryLoginAttemptStore } from './login-attempt.store';
import { LoginThrottler } from './login-throttler';

const MAX_FAILURES = 3;
const WINDOW_SECONDS = 60;

const config = {
  get: (key: string) =>
    ({ LOGIN_MAX_FAILURES: MAX_FAILURES, LOGIN_FAILURE_WINDOW: WINDOW_SECONDS })[key],
} as unknown as AppConfigService;

async function tooManyRequestsOf(attempt: Promise<void>): Promise<TooManyRequestsError> {
  const error: unknown = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TooManyRequestsError);
  return error as TooManyRequestsError;
}

describe(LoginThrottler.name, () => {
  let now: number;
  let throttler: LoginThrottler;

  beforeEach(() => {
    now = 1_700_000_000_000;
    // The throttler reads Date.now() for Retry-After; keep it on the store's clock.
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    throttler = new LoginThrottler(new InMemoryLoginAttemptStore(() => now), config);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Attempts that were admitted and then failed: they stay counted. */
  async function fail(times: number, email: string, ip: string): Promise<void> {
    for (let i = 0; i < times; i++) await throttler.admit(email, ip);
  }

  describe('admit', () => {
    it('should admit a first attempt', async () => {
      await expect(throttler.admit('dana@example.com', '10.0.0.1')).resolves.toBeUndefined();
    });

    it('should admit attempts up to the maximum number of failures', async () => {
      await fail(MAX_FAILURES - 1, 'dana@example.com', '10.0.0.1');

      await expect(throttler.admit('dana@example.com', '10.0.0.1')).resolves.toBeUndefined();
    });

    it('should answer 429 with a Retry-After within the window once the maximum is reached', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');
      now += 15_500;

      const error = await tooManyRequestsOf(throttler.admit('dana@example.com', '10.0.0.1'));

      expect(error.status).toBe(HttpStatus.TOO_MANY_REQUESTS);
      const retryAfter = error.headers['Retry-After'];
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(retryAfter).toBe(String(Math.ceil(WINDOW_SECONDS - 15.5)));
    });

    it('should refuse all but the maximum of attempts made at once, before any is verified', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => throttler.admit('dana@example.com', '10.0.0.1')),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(MAX_FAILURES);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        expect(outcome.reason).toBeInstanceOf(TooManyRequestsError);
      }
    });

    it('should not count a refused attempt against the address', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');
      await tooManyRequestsOf(throttler.admit('dana@example.com', '10.0.0.2'));
      await tooManyRequestsOf(throttler.admit('dana@example.com', '10.0.0.2'));

      await fail(MAX_FAILURES - 1, 'eve@example.com', '10.0.0.2');
      await expect(throttler.admit('frank@example.com', '10.0.0.2')).resolves.toBeUndefined();
    });

    it('should admit attempts again once the window has ended', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');
      now += WINDOW_SECONDS * 1000;

      await expect(throttler.admit('dana@example.com', '10.0.0.1')).resolves.toBeUndefined();
    });

    it('should block the e-mail from another address', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');

      await tooManyRequestsOf(throttler.admit('dana@example.com', '10.0.0.2'));
    });

    it('should block another e-mail from the same address', async () => {
      await throttler.admit('a@example.com', '10.0.0.1');
      await throttler.admit('b@example.com', '10.0.0.1');
      await throttler.admit('c@example.com', '10.0.0.1');

      await tooManyRequestsOf(throttler.admit('d@example.com', '10.0.0.1'));
      await expect(throttler.admit('d@example.com', '10.0.0.2')).resolves.toBeUndefined();
    });

    it('should treat e-mails case-insensitively and ignore surrounding spaces', async () => {
      await throttler.admit('Dana@Example.COM', '10.0.0.1');
      await throttler.admit(' dana@example.com ', '10.0.0.2');
      await throttler.admit('DANA@EXAMPLE.COM', '10.0.0.3');

      await tooManyRequestsOf(throttler.admit('dana@example.com', '10.0.0.4'));
    });

    it('should give the later end when both the e-mail and the address are blocked', async () => {
      await fail(MAX_FAILURES, 'a@example.com', '10.0.0.9');
      now += 20_000;
      await fail(MAX_FAILURES, 'b@example.com', '10.0.0.1');

      const error = await tooManyRequestsOf(throttler.admit('a@example.com', '10.0.0.1'));

      expect(error.headers['Retry-After']).toBe(String(WINDOW_SECONDS));
    });

    it('should count failures only within the window', async () => {
      await fail(MAX_FAILURES - 1, 'dana@example.com', '10.0.0.1');
      now += WINDOW_SECONDS * 1000;
      await fail(MAX_FAILURES - 1, 'dana@example.com', '10.0.0.1');

      await expect(throttler.admit('dana@example.com', '10.0.0.1')).resolves.toBeUndefined();
    });
  });

  describe('recordSuccess', () => {
    it('should clear the count of the e-mail', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');

      await throttler.recordSuccess('dana@example.com', '10.0.0.1');

      await expect(throttler.admit('dana@example.com', '10.0.0.2')).resolves.toBeUndefined();
    });

    it('should clear the e-mail whatever its case', async () => {
      await fail(MAX_FAILURES, 'dana@example.com', '10.0.0.1');

      await throttler.recordSuccess('DANA@example.com', '10.0.0.1');

      await expect(throttler.admit('dana@example.com', '10.0.0.2')).resolves.toBeUndefined();
    });

    it('should take its own attempt back from the address and keep the failures', async () => {
      await fail(MAX_FAILURES - 1, 'eve@example.com', '10.0.0.1');
      await throttler.admit('dana@example.com', '10.0.0.1');

      await throttler.recordSuccess('dana@example.com', '10.0.0.1');

      // The address holds the two failures only: one more is admitted, the next refused.
      await expect(throttler.admit('other@example.com', '10.0.0.1')).resolves.toBeUndefined();
      await tooManyRequestsOf(throttler.admit('another@example.com', '10.0.0.1'));
    });
  });
});
