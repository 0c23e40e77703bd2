import { findUnstorableText } from './text-guard';

describe(findUnstorableText.name, () => {
  it('should pass ordinary text, emoji (paired surrogates) included', () => {
    expect(findUnstorableText({ title: 'Risk 😀', tags: ['a', 'é'] }, '')).toBeUndefined();
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate', '\udc00x'],
    ['reversed surrogates', '\udfff\ud800'],
  ])('should name the field holding %s', (_label, text) => {
    expect(findUnstorableText({ owner: { email: text } }, '')).toBe('owner.email');
    expect(findUnstorableText({ frameworkRefs: ['ok', text] }, '')).toBe('frameworkRefs.1');
  });

  it('should check keys too', () => {
    expect(findUnstorableText({ ['a\u0000']: 1 }, '')).toBe('body');
  });

  it('should walk deep values without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findUnstorableText(deep, '')).toMatch(/^0(\.0)*$/);
  });
});
