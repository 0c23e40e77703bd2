import { csvCell, csvRecord } from './csv';

describe('csv', () => {
  describe('csvCell', () => {
    it('should quote commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
      expect(csvCell('a,b')).toBe('"a,b"');
      expect(csvCell('say "hi"')).toBe('"say ""hi"""');
      expect(csvCell('two\nlines')).toBe('"two\nlines"');
      expect(csvCell('crlf\r\n')).toBe('"crlf\r\n"');
      expect(csvCell('plain é 日本')).toBe('plain é 日本');
    });

    it('should prefix a cell that starts like a formula with a quote', () => {
      for (const lead of ['=', '+', '-', '@', '\t']) {
        expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
      }
      expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
      expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
      expect(csvCell('a=b')).toBe('a=b');
    });

    it('should write null as empty, arrays joined by ;, dates as ISO 8601, objects as JSON', () => {
      expect(csvCell(null)).toBe('');
      expect(csvCell(undefined)).toBe('');
      expect(csvCell(['ISO27001:A.8.15', 'SOC2:CC6.1'])).toBe('ISO27001:A.8.15;SOC2:CC6.1');
      expect(csvCell(new Date('2026-03-04T05:06:07.000Z'))).toBe('2026-03-04T05:06:07.000Z');
      expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
      expect(csvCell(5)).toBe('5');
      expect(csvCell(false)).toBe('false');
    });
  });

  it('should end each record with CRLF', () => {
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
  });
});
