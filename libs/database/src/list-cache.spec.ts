import { ListCache } from './list-cache';

describe(ListCache.name, () => {
  it('should serve a page only under the stamp it was stored with', () => {
    const cache = new ListCache<string>(10);
    cache.set('open risks', '7', 'page at 7');

    expect(cache.get('open risks', '7')).toBe('page at 7');
    expect(cache.get('open risks', '8')).toBeUndefined();
    expect(cache.get('closed risks', '7')).toBeUndefined();
  });

  it('should replace a page stored again under a newer stamp', () => {
    const cache = new ListCache<string>(10);
    cache.set('open risks', '7', 'page at 7');
    cache.set('open risks', '8', 'page at 8');

    expect(cache.get('open risks', '7')).toBeUndefined();
    expect(cache.get('open risks', '8')).toBe('page at 8');
  });

  it('should keep nothing with a capacity of 0', () => {
    const cache = new ListCache<string>(0);
    cache.set('a', '1', 'A');

    expect(cache.enabled).toBe(false);
    expect(cache.get('a', '1')).toBeUndefined();
  });
});
