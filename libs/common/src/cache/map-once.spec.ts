import { mapOnce } from './map-once';

describe(mapOnce.name, () => {
  it('should map each object once and answer the same frozen result after', () => {
    const map = jest.fn((row: { n: number }) => ({ doubled: row.n * 2 }));
    const once = mapOnce(map);
    const row = Object.freeze({ n: 2 });

    const first = once(row);
    const second = once(row);

    expect(first).toEqual({ doubled: 4 });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(map).toHaveBeenCalledTimes(1);
  });

  it('should map equal but distinct objects separately', () => {
    const map = jest.fn((row: { n: number }) => ({ n: row.n }));
    const once = mapOnce(map);

    once({ n: 1 });
    once({ n: 1 });

    expect(map).toHaveBeenCalledTimes(2);
  });
});
