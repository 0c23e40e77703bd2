import { InMemoryLoginAttemptStore } from './login-attempt.store';

const WINDOW_MS = 60_000;

describe(InMemoryLoginAttemptStore.name, () => {
  let now: number;
  let store: InMemoryLoginAttemptStore;

  beforeEach(() => {
    now = 1_700_000_000_000;
    store = new InMemoryLoginAttemptStore(() => now);
  });

  describe('increment', () => {
    it('should open a window that ends one window length from now', async () => {
      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 1,
        resetAt: now + WINDOW_MS,
      });
    });

    it('should count attempts within the same window without moving its end', async () => {
      const start = now;
      await store.increment('k', WINDOW_MS);
      now += 10_000;
      await store.increment('k', WINDOW_MS);
      now += 10_000;

      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 3,
        resetAt: start + WINDOW_MS,
      });
    });

    it('should count each key on its own', async () => {
      await store.increment('a', WINDOW_MS);
      await store.increment('a', WINDOW_MS);

      await expect(store.increment('b', WINDOW_MS)).resolves.toMatchObject({ count: 1 });
    });

    it('should still count in the last millisecond of the window', async () => {
      await store.increment('k', WINDOW_MS);
      now += WINDOW_MS - 1;

      await expect(store.increment('k', WINDOW_MS)).resolves.toMatchObject({ count: 2 });
    });

    it('should start a new window once the old one has ended', async () => {
      await store.increment('k', WINDOW_MS);
      await store.increment('k', WINDOW_MS);
      now += WINDOW_MS;

      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 1,
        resetAt: now + WINDOW_MS,
      });
    });
  });

  describe('decrement', () => {
    it('should take one back from the live window without moving its end', async () => {
      const start = now;
      await store.increment('k', WINDOW_MS);
      await store.increment('k', WINDOW_MS);
      now += 10_000;

      await store.decrement('k');

      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 2,
        resetAt: start + WINDOW_MS,
      });
    });

    it('should never go below zero', async () => {
      await store.increment('k', WINDOW_MS);
      await store.decrement('k');
      await store.decrement('k');

      await expect(store.increment('k', WINDOW_MS)).resolves.toMatchObject({ count: 1 });
    });

    it('should do nothing without a live window', async () => {
      await store.increment('k', WINDOW_MS);
      now += WINDOW_MS;
      await store.decrement('k');
      await store.decrement('unknown');

      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 1,
        resetAt: now + WINDOW_MS,
      });
    });
  });

  describe('reset', () => {
    it('should clear the count of the key', async () => {
      await store.increment('k', WINDOW_MS);
      await store.increment('k', WINDOW_MS);

      now += 10_000;
      await store.reset('k');

      await expect(store.increment('k', WINDOW_MS)).resolves.toEqual({
        count: 1,
        resetAt: now + WINDOW_MS,
      });
    });

    it('should leave other keys alone', async () => {
      await store.increment('a', WINDOW_MS);
      await store.increment('b', WINDOW_MS);

      await store.reset('a');

      await expect(store.increment('b', WINDOW_MS)).resolves.toMatchObject({ count: 2 });
    });

    it('should accept an unknown key', async () => {
      await expect(store.reset('unknown')).resolves.toBeUndefined();
    });
  });
});
