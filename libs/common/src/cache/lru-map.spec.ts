import { LruMap } from './lru-map';

describe(LruMap.name, () => {
  it('should answer what was set under a key', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);

    expect(map.get('a')).toBe(1);
    expect(map.get('b')).toBeUndefined();
  });

  it('should drop the least recently used entry past its capacity', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);

    expect(map.get('a')).toBe(1);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('c')).toBe(3);
  });

  it('should replace the value of a key set again without growing', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    map.set('c', 3);

    expect(map.get('a')).toBe(10);
    expect(map.get('b')).toBeUndefined();
  });

  it('should keep nothing with a capacity of 0', () => {
    const map = new LruMap<string, number>(0);
    map.set('a', 1);

    expect(map.get('a')).toBeUndefined();
  });

  it('should forget a deleted key', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.delete('a');

    expect(map.get('a')).toBeUndefined();
  });
});
