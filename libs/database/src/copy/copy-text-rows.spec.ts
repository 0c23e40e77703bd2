import { PassThrough, Readable } from 'node:stream';
import { copyTextField, copyTextRowBatches, CopyTextSplitter } from './copy-text-rows';

/** What COPY TO's text format writes for these rows (PostgreSQL's escaping). */
const WRITTEN = Buffer.from(
  [
    '1\tplain\t\\N\n',
    '2\ttab\\there\tnew\\nline\n',
    '3\tback\\\\slash \\\\N\tcr\\r ff\\f bs\\b vt\\v\n',
    '4\tnon-ASCII é 中文 😀\t\n',
  ].join(''),
  'utf8',
);

const ROWS = [
  ['1', 'plain', null],
  ['2', 'tab\there', 'new\nline'],
  ['3', 'back\\slash \\N', 'cr\r ff\f bs\b vt\v'],
  ['4', 'non-ASCII é 中文 😀', ''],
];

async function allRows(stream: Readable): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const batch of copyTextRowBatches(stream)) rows.push(...batch);
  return rows;
}

describe('copyTextField', () => {
  it('should read \\N alone as NULL and an escaped \\N as text', () => {
    expect(copyTextField('\\N')).toBeNull();
    expect(copyTextField('\\\\N')).toBe('\\N');
  });

  it('should read an escaped character other than the named ones as itself', () => {
    expect(copyTextField('a\\,b\\"c')).toBe('a,b"c');
  });
});

describe('CopyTextSplitter', () => {
  it('should give the same rows wherever the chunks are cut, even inside a character', () => {
    for (let cut = 0; cut <= WRITTEN.length; cut += 1) {
      const splitter = new CopyTextSplitter();
      const rows = [
        ...splitter.rows(WRITTEN.subarray(0, cut)),
        ...splitter.rows(WRITTEN.subarray(cut)),
      ];
      splitter.end();
      expect(rows).toEqual(ROWS);
    }
  });

  it('should refuse output that stops inside a row', () => {
    const splitter = new CopyTextSplitter();
    splitter.rows(Buffer.from('1\tunfinished'));
    expect(() => splitter.end()).toThrow('COPY output ended inside a row');
  });
});

describe('copyTextRowBatches', () => {
  it('should read a stream byte by byte into its rows', async () => {
    const bytes = [...WRITTEN].map((byte) => Buffer.from([byte]));
    await expect(allRows(Readable.from(bytes))).resolves.toEqual(ROWS);
  });

  it('should drain what a consumer leaves, so the stream reaches its end', async () => {
    const copy = new PassThrough();
    copy.write('1\ta\n');
    const batches = copyTextRowBatches(copy);
    await expect(batches.next()).resolves.toEqual({ done: false, value: [['1', 'a']] });
    const closing = batches.return(undefined);
    copy.end('2\tb\n3\tc\n');
    await closing;
    expect(copy.readableEnded).toBe(true);
  });

  it('should pass on the error of a COPY that failed, without waiting for an end', async () => {
    const copy = new PassThrough();
    const reading = allRows(copy);
    copy.emit('error', new Error('canceling statement due to user request'));
    await expect(reading).rejects.toThrow('canceling statement');
  });
});
