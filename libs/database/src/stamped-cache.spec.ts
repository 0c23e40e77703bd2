import { StampedCache } from './stamped-cache';

describe(StampedCache.name, () => {
  let clock: number;
  const cache = (maxAgeMs?: number) =>
    new StampedCache<string>({ capacity: 10, maxAgeMs, now: () => clock });

  beforeEach(() => {
    clock = 1000;
  });

  it('should serve a value again only under the stamp it was read under', async () => {
    const values = cache();
    const read = jest.fn(() => Promise.resolve('at 7'));
    expect(await values.load('summary', '7', read)).toBe('at 7');
    expect(await values.load('summary', '7', read)).toBe('at 7');
    expect(read).toHaveBeenCalledTimes(1);

    expect(await values.load('summary', '8', () => Promise.resolve('at 8'))).toBe('at 8');
    expect(await values.load('other', '8', () => Promise.resolve('other'))).toBe('other');
  });

  it('should read again once a value is older than maxAgeMs', async () => {
    const values = cache(500);
    await values.load('summary', '7', () => Promise.resolve('first'));
    clock += 500;
    expect(await values.load('summary', '7', () => Promise.resolve('second'))).toBe('first');
    clock += 1;
    expect(await values.load('summary', '7', () => Promise.resolve('third'))).toBe('third');
  });

  it('should let concurrent readers of one stamp share one read', async () => {
    const values = cache();
    let finish: (value: string) => void = () => undefined;
    const read = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const both = Promise.all([values.load('k', '7', read), values.load('k', '7', read)]);
    finish('shared');
    expect(await both).toEqual(['shared', 'shared']);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('should forget a failed read', async () => {
    const values = cache();
    await expect(values.load('k', '7', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await values.load('k', '7', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('should keep nothing with a capacity of 0', async () => {
    const values = new StampedCache<string>({ capacity: 0 });
    expect(values.enabled).toBe(false);
    await values.load('k', '7', () => Promise.resolve('first'));
    expect(await values.load('k', '7', () => Promise.resolve('second'))).toBe('second');
  });
});
