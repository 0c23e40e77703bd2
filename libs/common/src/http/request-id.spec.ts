import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(resolveRequestId.name, () => {
  it.each(['a', 'trace.ABC-123_x', 'x'.repeat(128)])('should keep %s', (id) => {
    expect(resolveRequestId(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['spaces', 'a b'],
    ['newline injection', 'abc\r\nSet-Cookie: x'],
    ['unicode', 'ünïcode'],
  ])('should replace %s with a UUID', (_label, id) => {
    expect(resolveRequestId(id)).toMatch(UUID);
  });

  it('should replace a missing or repeated header with a UUID', () => {
    expect(resolveRequestId(undefined)).toMatch(UUID);
    expect(resolveRequestId(['a', 'b'])).toMatch(UUID);
  });
});
