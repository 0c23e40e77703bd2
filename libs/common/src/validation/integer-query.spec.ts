import { plainToInstance } from 'class-transformer';
import { ToInteger } from './integer-query';

class Query {
  @ToInteger()
  limit?: unknown;
}

const read = (limit: unknown) => plainToInstance(Query, { limit }).limit;

describe(ToInteger.name, () => {
  it.each([
    ['0', 0],
    ['20', 20],
    ['007', 7],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('should read %s as %i', (text, number) => {
    expect(read(text)).toBe(number);
  });

  it.each(['1e2', '0x10', ' 5', '5 ', '-1', '1.5', '', '99999999999999999999', '9007199254740993'])(
    'should leave %j as text for validation to refuse',
    (text) => {
      expect(read(text)).toBe(text);
    },
  );
});
