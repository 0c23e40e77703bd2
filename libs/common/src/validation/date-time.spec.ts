import { parseDateTime } from './date-time';

describe(parseDateTime.name, () => {
  it.each([
    ['2026-05-01T09:00:00Z', '2026-05-01T09:00:00.000Z'],
    ['2026-05-01T09:00:00.123456+02:00', '2026-05-01T07:00:00.123Z'],
    ['2024-02-29T23:59:59-05:30', '2024-03-01T05:29:59.000Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
    ['9999-12-31t23:59:59z', '9999-12-31T23:59:59.000Z'],
  ])('should read %s as %s', (text, iso) => {
    expect(parseDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a number', 0],
    ['a timestamp', 1_700_000_000_000],
    ['a boolean', true],
    ['a bare year', '2026'],
    ['a digit', '1'],
    ['a date without time', '2026-01-01'],
    ['no time zone', '2026-01-01T00:00:00'],
    ['an impossible day', '2026-02-30T00:00:00Z'],
    ['February 29 of a common year', '2025-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 25', '2026-06-01T25:00:00Z'],
    ['an expanded year', '+275760-09-13T00:00:00.000Z'],
    ['a year before 1900', '1899-12-31T23:59:59Z'],
    ['a five-digit year', '10000-01-01T00:00:00Z'],
    ['words', 'yesterday'],
  ])('should refuse %s', (_label, value) => {
    expect(parseDateTime(value)).toBeUndefined();
  });
});
