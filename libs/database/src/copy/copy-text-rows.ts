import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { bufferedBatches } from './buffered-batches';

/** A field of COPY's text format: its text, or null for SQL NULL. */
export type CopyTextField = string | null;

/** How COPY's text format writes NULL: the whole field is `\N`. */
const NULL_FIELD = '\\N';

/** The backslash escapes COPY TO writes; any other escaped character stands for itself. */
const ESCAPED: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
const ESCAPE = /\\(.)/gs;

/** One field as COPY TO wrote it, back to its text (or null). */
export function copyTextField(written: string): CopyTextField {
  if (written === NULL_FIELD) return null;
  if (!written.includes('\\')) return written;
  return written.replace(ESCAPE, (_, char: string) => ESCAPED[char] ?? char);
}

/**
 * Cuts `COPY ... TO STDOUT` text output into rows of fields, whatever the chunk boundaries
 * (inside a row, or inside a character's UTF-8 bytes): a row ends at a newline and its fields
 * are tab-separated, since COPY escapes both inside a value.
 */
export class CopyTextSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  /** The rows this chunk completes. */
  rows(chunk: Buffer): CopyTextField[][] {
    const lines = (this.rest + this.decoder.write(chunk)).split('\n');
    this.rest = lines.pop()!;
    const rows = new Array<CopyTextField[]>(lines.length);
    for (let index = 0; index < lines.length; index += 1) {
      const fields: CopyTextField[] = lines[index].split('\t');
      for (let field = 0; field < fields.length; field += 1) {
        fields[field] = copyTextField(fields[field]!);
      }
      rows[index] = fields;
    }
    return rows;
  }

  /** Throws if the output stopped inside a row. */
  end(): void {
    if (this.rest + this.decoder.end() !== '') throw new Error('COPY output ended inside a row');
  }
}

/**
 * The rows of a COPY TO stream in text format, a chunk's worth at a time (a promise per row
 * would cost more than the row). A consumer that stops early leaves the rest to be drained:
 * a connection still in COPY mode must not go back to the pool, and COPY TO has no other way
 * out short of cancelling the backend. A COPY that failed has left that mode already.
 */
export async function* copyTextRowBatches(copy: Readable): AsyncGenerator<CopyTextField[][]> {
  const splitter = new CopyTextSplitter();
  let settled = false;
  copy.once('error', () => (settled = true));
  try {
    for await (const chunks of bufferedBatches<Buffer>(copy)) {
      for (const chunk of chunks) {
        const rows = splitter.rows(chunk);
        if (rows.length > 0) yield rows;
      }
    }
    settled = true;
    splitter.end();
  } finally {
    if (!settled) await finished(copy.resume()).catch(() => undefined);
  }
}
