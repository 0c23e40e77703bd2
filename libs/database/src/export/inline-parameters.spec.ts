import { inlineParameters, sqlLiteral } from './inline-parameters';

describe(inlineParameters.name, () => {
  it('should put each parameter in place of its own placeholder, $1 apart from $10', () => {
    const parameters = Array.from({ length: 11 }, (_, index) => `v${index + 1}`);

    const sql = inlineParameters('SELECT $1, $10, $11, $2', parameters);

    expect(sql).toBe(`SELECT 'v1', 'v10', 'v11', 'v2'`);
  });

  it('should leave $n alone inside strings, quoted identifiers, dollar quotes and comments', () => {
    const sql = [
      `'$1 it''s'`,
      `E'\\'$1'`,
      `"col$1"`,
      `$$ $1 $$`,
      `$tag$ $1 $tag$`,
      `a$1`,
      `-- $1`,
      `/* $1 */`,
      `$1`,
    ].join('\n');

    expect(inlineParameters(sql, ['x'])).toBe(sql.replace(/\$1$/, `'x'`));
  });

  it('should not read a value as SQL, nor its placeholders as placeholders', () => {
    const hostile = `it's \\' $2 -- /* %_ é ☃`;

    const sql = inlineParameters('SELECT $1 WHERE x = $2', [hostile, 'second']);

    expect(sql).toBe(`SELECT  E'it''s \\\\'' $2 -- /* %_ é ☃' WHERE x = 'second'`);
  });

  it('should refuse a placeholder with no parameter', () => {
    expect(() => inlineParameters('SELECT $2', ['one'])).toThrow(RangeError);
    expect(() => inlineParameters('SELECT $0', ['one'])).toThrow(RangeError);
  });
});

describe(sqlLiteral.name, () => {
  it('should write each kind of value as pg sends it, as an untyped literal', () => {
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(3)).toBe(`'3'`);
    expect(sqlLiteral(-2.5)).toBe(`'-2.5'`);
    expect(sqlLiteral(12n)).toBe(`'12'`);
    expect(sqlLiteral(true)).toBe(`'true'`);
    expect(sqlLiteral('open')).toBe(`'open'`);
  });

  it('should write a Date in UTC, as a timestamptz', () => {
    expect(sqlLiteral(new Date('2026-01-02T03:04:05.678Z'))).toBe(
      `'2026-01-02T03:04:05.678Z'::timestamptz`,
    );
    expect(() => sqlLiteral(new Date('nonsense'))).toThrow(TypeError);
  });

  it('should write an array as array text, its items quoted and escaped', () => {
    expect(sqlLiteral(['a', null, 1])).toBe(`'{"a",NULL,"1"}'`);
    expect(sqlLiteral(['b"c'])).toBe(` E'{"b\\\\"c"}'`);
    expect(sqlLiteral(['back\\slash'])).toBe(` E'{"back\\\\\\\\slash"}'`);
  });

  it('should refuse what it cannot write faithfully', () => {
    expect(() => sqlLiteral('nul\0')).toThrow(TypeError);
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral({ a: 1 })).toThrow(TypeError);
  });
});
