import { attachment, exportFileName, ndjsonLine } from './export-file';

describe('export-file', () => {
  it('should name the file after the resource and the UTC day', () => {
    expect(exportFileName('audit-events', 'ndjson', new Date('2026-03-04T23:59:00Z'))).toBe(
      'audit-events-20260304.ndjson',
    );
    expect(attachment('a.ndjson')).toBe('attachment; filename="a.ndjson"');
  });

  it('should write one line per value, newlines inside strings escaped', () => {
    expect(ndjsonLine({ text: 'two\nlines' })).toBe('{"text":"two\\nlines"}\n');
  });
});
