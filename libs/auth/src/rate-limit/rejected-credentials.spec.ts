import { ThrottlerStorageService } from '@nestjs/throttler';
import { TooManyRequestsError } from '@rct/common';
import type { AppConfigService } from '@rct/config';
import type { FallbackThrottlerStorage } from '@rct/counters';
import { RejectedCredentials } from './rejected-credentials';

function rejectedCredentials(quota: number): RejectedCredentials {
  const storage = new ThrottlerStorageService();
  const config = { get: () => quota } as unknown as AppConfigService;
  return new RejectedCredentials(storage as unknown as FallbackThrottlerStorage, config);
}

describe(RejectedCredentials.name, () => {
  it("should let an address's refused credentials through as 401s until its budget is spent", async () => {
    const rejected = rejectedCredentials(3);
    for (let i = 0; i < 3; i++)
      await expect(rejected.charge({ ip: '198.51.100.7' })).resolves.toBeUndefined();

    const refusal = await rejected.charge({ ip: '198.51.100.7' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect((refusal as TooManyRequestsError).headers).toMatchObject({
      'RateLimit-Policy': '"anonymous";q=3;w=60',
    });
    // Another address has a budget of its own.
    await expect(rejected.charge({ ip: '198.51.100.8' })).resolves.toBeUndefined();
  });

  it('should count nothing when the anonymous limit is off', async () => {
    const rejected = rejectedCredentials(0);
    for (let i = 0; i < 10; i++)
      await expect(rejected.charge({ ip: '198.51.100.7' })).resolves.toBeUndefined();
  });
});
