import fc from 'fast-check';

/**
 * Hostile inputs by class. Each generated value carries the classes it belongs to, so a failure
 * report says which kind of input broke the server.
 */
export interface Tagged<T = unknown> {
  value: T;
  kinds: string[];
}

export const tagged = <T>(arbitrary: fc.Arbitrary<T>, kind: string): fc.Arbitrary<Tagged<T>> =>
  arbitrary.map((value) => ({ value, kinds: [kind] }));

export const plain = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> =>
  arbitrary.map((value) => ({ value, kinds: [] }));

export const hostileString: fc.Arbitrary<Tagged<string>> = fc.oneof(
  {
    weight: 3,
    arbitrary: tagged(
      fc.constantFrom('\u0000', 'a\u0000b', 'risk\u0000', '\u0000'.repeat(3)),
      'nul',
    ),
  },
  {
    weight: 3,
    arbitrary: tagged(
      fc.constantFrom('\ud800', 'a\udc00b', '\udfff\ud800', 'x\ud83d'),
      'surrogate',
    ),
  },
  tagged(fc.constantFrom('\u0001\u0007\u001b[31m', '\r\n', '\t\v\f', '\u007f\u0085'), 'control'),
  tagged(fc.constantFrom('x'.repeat(300), 'y'.repeat(5000), 'é'.repeat(1000)), 'long'),
  tagged(fc.string({ unit: 'grapheme', maxLength: 30 }), 'unicode'),
  tagged(
    fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '${jndi:x}'),
    'injection',
  ),
  tagged(fc.constantFrom('', ' ', '   '), 'empty'),
);

export const hostileNumber: fc.Arbitrary<Tagged<number>> = tagged(
  fc.constantFrom(
    0,
    -1,
    1.5,
    -0.5,
    1e308,
    -1e308,
    2 ** 53 + 2,
    -(2 ** 53 + 2),
    1e20,
    Number.MIN_VALUE,
    2147483648,
  ),
  'number',
);

export const hostileDate: fc.Arbitrary<Tagged<unknown>> = tagged(
  fc.constantFrom<unknown>(
    '2026',
    '1',
    0,
    true,
    1_700_000_000_000,
    '2026-02-30T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '2026-01-01',
    '2026-01-01T00:00:00',
    '1899-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-06-01T25:00:00Z',
    'yesterday',
  ),
  'date',
);

export const wrongType: fc.Arbitrary<Tagged<unknown>> = tagged(
  fc.constantFrom<unknown>(null, true, false, [], {}, [1, 'a'], { a: 1 }, 123, 'text'),
  'type',
);

/** Any hostile JSON value, whatever the field expects. */
export const hostileValue: fc.Arbitrary<Tagged<unknown>> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  hostileNumber,
  hostileDate,
  wrongType,
);

/** Query parameter values as sent on the wire: `raw` ones go unencoded (bad escapes). */
export const hostileQueryValue: fc.Arbitrary<Tagged<{ text: string; raw: boolean }>> = fc.oneof(
  tagged(
    fc.constantFrom('1e2', '0x10', '99999999999999999999', '-1', '1.5', ' 5', 'NaN', 'Infinity'),
    'number',
  ).map(({ value, kinds }) => ({ value: { text: value, raw: false }, kinds })),
  tagged(fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', 'a%00b', '%C0%80'), 'encoding').map(
    ({ value, kinds }) => ({ value: { text: value, raw: true }, kinds }),
  ),
  hostileDate.map(({ value, kinds }) => ({ value: { text: String(value), raw: false }, kinds })),
  {
    weight: 2,
    arbitrary: hostileString.map(({ value, kinds }) => ({
      value: { text: value, raw: false },
      kinds,
    })),
  },
  hostileString.map(({ value, kinds }) => ({ value: { text: value, raw: false }, kinds })),
);

/** Path segments where an id goes. */
export const hostileSegment: fc.Arbitrary<Tagged<{ text: string; raw: boolean }>> = fc.oneof(
  tagged(fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', 'a%2Fb'), 'encoding').map(
    ({ value, kinds }) => ({ value: { text: value, raw: true }, kinds }),
  ),
  tagged(fc.constantFrom('x'.repeat(101), 'a'.repeat(2000)), 'long').map(({ value, kinds }) => ({
    value: { text: value, raw: true },
    kinds,
  })),
  hostileString.map(({ value, kinds }) => ({ value: { text: value, raw: false }, kinds })),
  tagged(fc.constantFrom('1', '-1', '00000000-0000-0000-0000-000000000000', 'null'), 'id').map(
    ({ value, kinds }) => ({ value: { text: value, raw: false }, kinds }),
  ),
);

/** JSON text nested `depth` levels deep, as arrays or objects. */
export function nestedJson(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

export const deepBody: fc.Arbitrary<Tagged<string>> = tagged(
  fc
    .tuple(
      fc.constantFrom(31, 33, 100, 2000, 20_000),
      fc.constantFrom<('array' | 'object')[]>('array', 'object'),
    )
    .map(([depth, shape]) => nestedJson(depth, shape)),
  'deep',
);

export const brokenBody: fc.Arbitrary<Tagged<string>> = tagged(
  fc.constantFrom(
    'null',
    '[]',
    '"text"',
    '123',
    'true',
    '',
    '{',
    '{"a":1,}',
    '\u0000',
    '{"a":"\\u0000"}',
  ),
  'shape',
);

/** Media types for a JSON body; anything but the first is the client's mistake. */
export const mediaType: fc.Arbitrary<Tagged<string>> = fc.oneof(
  { weight: 12, arbitrary: plain(fc.constant('application/json')) },
  {
    weight: 1,
    arbitrary: tagged(
      fc.constantFrom(
        'text/plain',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
      ),
      'media',
    ),
  },
);

/**
 * Percent-encodes a path or query value. encodeURIComponent refuses lone surrogates; they are
 * sent as the bytes of their CESU-8 form, which is not valid UTF-8.
 */
export function encodeSegment(text: string): string {
  let out = '';
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      out += Buffer.from(char, 'ucs2').length === 2 ? '%ED%A0%80' : '';
    }
  }
  return out;
}
