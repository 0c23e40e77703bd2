import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ExportLines } from './export-lines';

/** Two COPY text rows: a value with an escaped tab and newline, and a NULL. */
const COPY_OUTPUT = Buffer.from('a\\tb\tc\\nd\n\\N\té\n', 'utf8');
const byField = (row: (string | null)[]): string => `${JSON.stringify(row)}\n`;

async function linesOf(chunks: Buffer[], lines: ExportLines): Promise<string> {
  return text(Readable.from(chunks).pipe(lines));
}

describe(ExportLines.name, () => {
  it('should write each row once, after the head, wherever the chunks are cut', async () => {
    for (let cut = 0; cut <= COPY_OUTPUT.length; cut += 1) {
      const lines = new ExportLines(byField, 64 * 1024, 'head\n');
      const chunks = [COPY_OUTPUT.subarray(0, cut), COPY_OUTPUT.subarray(cut)];
      await expect(linesOf(chunks, lines)).resolves.toBe('head\n["a\\tb","c\\nd"]\n[null,"é"]\n');
      expect(lines.rows).toBe(2);
    }
  });

  it('should send the lines in chunks of about the given size', async () => {
    const lines = new ExportLines(byField, 10);
    const push = jest.spyOn(lines, 'push');
    await linesOf([COPY_OUTPUT], lines);
    const sent = push.mock.calls.map(([chunk]) => chunk as unknown);
    expect(sent).toEqual(['["a\\tb","c\\nd"]\n', '[null,"é"]\n', null]);
  });

  it('should fail a COPY that ends inside a row', async () => {
    const lines = new ExportLines(byField);
    await expect(linesOf([Buffer.from('a\tb\nunfinished')], lines)).rejects.toThrow(
      'COPY output ended inside a row',
    );
  });
});
