import { attachmentDisposition, normalizeContentType, sanitizeFileName } from './file-naming';

describe(sanitizeFileName.name, () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\evidence.xlsx', 'evidence.xlsx'],
    ['...hidden', 'hidden'],
    ['a\u0000b\r\nc.txt', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['what?<now>|"x".txt', 'what__now___x_.txt'],
    ['  spaced   out  .txt ', 'spaced out .txt'],
    ['Prüfbericht Ä.pdf', 'Prüfbericht Ä.pdf'],
    ['CON.txt', '_CON.txt'],
    ['', 'file'],
    [undefined, 'file'],
    ['/', 'file'],
  ])('should make %j safe as %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('should keep the extension when shortening a long name', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe(normalizeContentType.name, () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Text/Plain; charset=UTF-8', 'text/plain'],
    ['image/svg+xml', 'image/svg+xml'],
    ['', 'application/octet-stream'],
    [undefined, 'application/octet-stream'],
    ['not a type', 'application/octet-stream'],
    ['text/html\r\nX-Evil: 1', 'application/octet-stream'],
  ])('should turn %j into %j', (raw, expected) => {
    expect(normalizeContentType(raw)).toBe(expected);
  });
});

describe(attachmentDisposition.name, () => {
  it('should quote a plain ASCII name', () => {
    expect(attachmentDisposition('report.pdf')).toBe('attachment; filename="report.pdf"');
  });

  it('should add filename* with the UTF-8 name and an ASCII fallback', () => {
    expect(attachmentDisposition("Prüf (1)'s.pdf")).toBe(
      `attachment; filename="Pr_f (1)'s.pdf"; filename*=UTF-8''Pr%C3%BCf%20%281%29%27s.pdf`,
    );
  });

  it('should never let a quote or backslash end the quoted string', () => {
    expect(attachmentDisposition('a"b\\c')).toBe(
      `attachment; filename="a_b_c"; filename*=UTF-8''a%22b%5Cc`,
    );
  });
});
