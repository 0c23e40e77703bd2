import { findUnstorableValue } from './input-guard';

describe(findUnstorableValue.name, () => {
  it('should pass ordinary text, emoji (paired surrogates) included', () => {
    expect(findUnstorableValue({ title: 'Risk 😀', tags: ['a', 'é'] })).toBeUndefined();
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate', '\udc00x'],
    ['reversed surrogates', '\udfff\ud800'],
  ])('should name the field holding %s', (_label, text) => {
    expect(findUnstorableValue({ owner: { email: text } })?.field).toBe('owner.email');
    expect(findUnstorableValue({ frameworkRefs: ['ok', text] })?.field).toBe('frameworkRefs.1');
  });

  it.each([2 ** 53 + 2, -1e20, 1e308])('should name a number beyond the safe range: %d', (n) => {
    expect(findUnstorableValue({ likelihood: 3, impact: n })?.field).toBe('impact');
    expect(findUnstorableValue({ impact: Number.MAX_SAFE_INTEGER })).toBeUndefined();
  });

  it('should check keys too', () => {
    expect(findUnstorableValue({ ['a\u0000']: 1 })?.field).toBe('body');
  });

  it('should walk deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableValue(deep)?.field).toMatch(/^0(\.0)*$/);
  });
});
