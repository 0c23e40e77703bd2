import { charsetOf, MAX_JSON_DEPTH, nestsDeeperThan } from './json-body';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe(nestsDeeperThan.name, () => {
  it('should accept nesting up to the limit', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1,2,{"c":3}]}}', 4)).toBe(false);
  });

  it('should refuse nesting past the limit, however deep', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('should not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[', b: 'x\\"[[[[' }), 2)).toBe(false);
  });
});

describe(charsetOf.name, () => {
  it.each([
    ['application/json', undefined],
    ['application/json; charset=utf-8', 'utf-8'],
    ['application/json;charset="UTF-16"', 'utf-16'],
    [undefined, undefined],
  ])('should read %s as %s', (header, charset) => {
    expect(charsetOf(header)).toBe(charset);
  });
});
