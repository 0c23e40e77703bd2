import { jsonString } from './json-string';

describe('jsonString', () => {
  it('should write every UTF-16 code unit as JSON.stringify does, alone and inside text', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (jsonString(char) !== JSON.stringify(char)) differing.push(code);
      if (jsonString(`ab${char}cd`) !== JSON.stringify(`ab${char}cd`)) differing.push(code);
    }
    expect(differing).toEqual([]);
  });

  it('should write a paired surrogate as JSON.stringify does', () => {
    expect(jsonString('rocket 🚀')).toBe(JSON.stringify('rocket 🚀'));
  });
});
