import { CopyBinaryLines, CopyFormatError } from './copy-binary-lines';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

function int16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeInt16BE(value);
  return bytes;
}

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
}

/** What PostgreSQL sends for `COPY (SELECT line ...) TO STDOUT (FORMAT binary)`. */
function binaryCopy(lines: string[], extension = Buffer.alloc(0)): Buffer {
  const rows = lines.map((line) => {
    const bytes = Buffer.from(line, 'utf8');
    return Buffer.concat([int16(1), int32(bytes.length), bytes]);
  });
  return Buffer.concat([
    SIGNATURE,
    int32(0),
    int32(extension.length),
    extension,
    ...rows,
    int16(-1),
  ]);
}

/** Feeds `chunks` through a parser; resolves with what came out, or rejects with its error. */
function run(
  chunks: Buffer[],
  options: { chunkBytes?: number; head?: string } = {},
): Promise<{ output: Buffer; pieces: Buffer[]; rows: number }> {
  const parser = new CopyBinaryLines(
    options.chunkBytes,
    options.head === undefined ? undefined : Buffer.from(options.head),
  );
  const pieces: Buffer[] = [];
  return new Promise((resolve, reject) => {
    parser.on('data', (piece: Buffer) => pieces.push(Buffer.from(piece)));
    parser.on('error', reject);
    parser.on('end', () => resolve({ output: Buffer.concat(pieces), pieces, rows: parser.rows }));
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
  });
}

const LINES = [
  'id,title\r\n',
  '1,"two\r\nlines, one cell"\r\n',
  '{"title":"é ☃ 𝄞 \\"quoted\\""}\n',
  '',
  'x'.repeat(300) + '\n',
];

describe(CopyBinaryLines.name, () => {
  it('should pass every line on as its bytes, in order, and count the rows', async () => {
    const { output, rows } = await run([binaryCopy(LINES)], { head: 'head\r\n' });

    expect(output.toString('utf8')).toBe('head\r\n' + LINES.join(''));
    expect(rows).toBe(LINES.length);
  });

  it('should give the same bytes whichever byte the input is split at', async () => {
    const whole = binaryCopy(LINES);
    for (let at = 0; at <= whole.length; at += 1) {
      const { output, rows } = await run([whole.subarray(0, at), whole.subarray(at)]);
      expect(output.toString('utf8')).toBe(LINES.join(''));
      expect(rows).toBe(LINES.length);
    }
  });

  it('should read input that comes a byte at a time, a header extension included', async () => {
    const whole = binaryCopy(LINES, Buffer.from('extension'));
    const bytes = [...whole].map((byte) => Buffer.from([byte]));

    const { output, rows } = await run(bytes);

    expect(output.toString('utf8')).toBe(LINES.join(''));
    expect(rows).toBe(LINES.length);
  });

  it('should send chunks of chunkBytes, the last one shorter', async () => {
    const lines = Array.from({ length: 50 }, (_, index) => `line ${index}\n`);

    const { output, pieces } = await run([binaryCopy(lines)], { chunkBytes: 16 });

    expect(output.toString('utf8')).toBe(lines.join(''));
    expect(pieces.slice(0, -1).every((piece) => piece.length === 16)).toBe(true);
    expect(pieces.at(-1)!.length).toBeLessThanOrEqual(16);
  });

  it('should send nothing but the head for no rows', async () => {
    const { output, rows } = await run([binaryCopy([])], { head: 'id\r\n' });

    expect(output.toString()).toBe('id\r\n');
    expect(rows).toBe(0);
  });

  it('should fail when the input ends before the trailer', async () => {
    const whole = binaryCopy(LINES);

    await expect(run([whole.subarray(0, whole.length - 2)])).rejects.toThrow(CopyFormatError);
  });

  it('should fail on what is not a one-column binary COPY', async () => {
    const twoFields = Buffer.concat([SIGNATURE, int32(0), int32(0), int16(2)]);
    const nullLine = Buffer.concat([SIGNATURE, int32(0), int32(0), int16(1), int32(-1)]);

    await expect(
      run([Buffer.from('id,title\r\n1,a CSV file, not a binary COPY\r\n')]),
    ).rejects.toThrow(/signature/);
    await expect(run([twoFields])).rejects.toThrow(/2 fields/);
    await expect(run([nullLine])).rejects.toThrow(/null/);
  });
});
