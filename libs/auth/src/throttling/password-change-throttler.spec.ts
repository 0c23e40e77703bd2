import { TooManyRequestsError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { InMemoryLoginAttemptStore } from './login-attempt.store';
import { LoginThrottler } from './login-throttler';
import { PasswordChangeThrottler } from './password-change-throttler';

const config = {
  get: (key: string) => ({ LOGIN_MAX_FAILURES: 2, LOGIN_FAILURE_WINDOW: 60 })[key],
} as unknown as AppConfigService;

describe(PasswordChangeThrottler.name, () => {
  let store: InMemoryLoginAttemptStore;
  let throttler: PasswordChangeThrottler;

  beforeEach(() => {
    store = new InMemoryLoginAttemptStore();
    throttler = new PasswordChangeThrottler(store, config);
  });

  it('should refuse a user past the maximum of wrong attempts with 429', async () => {
    await throttler.admit('user-1', '10.0.0.1');
    await throttler.admit('user-1', '10.0.0.2');

    await expect(throttler.admit('user-1', '10.0.0.3')).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
  });

  it('should clear the user once a change succeeds', async () => {
    await throttler.admit('user-1', '10.0.0.1');
    await throttler.admit('user-1', '10.0.0.2');
    await throttler.recordSuccess('user-1', '10.0.0.2');

    await expect(throttler.admit('user-1', '10.0.0.3')).resolves.toBeUndefined();
  });

  it('should count apart from sign-ins on the same store', async () => {
    const logins = new LoginThrottler(store, config);
    await logins.admit('user-1', '10.0.0.1');
    await logins.admit('user-1', '10.0.0.1');

    await expect(throttler.admit('user-1', '10.0.0.9')).resolves.toBeUndefined();
  });
});
