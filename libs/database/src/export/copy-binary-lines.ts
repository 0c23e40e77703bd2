import { Transform, TransformCallback } from 'node:stream';

/** `PGCOPY\n\377\r\n\0`: how PostgreSQL's binary COPY format begins. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, the flags field and the header extension's length. */
const HEADER_BYTES = SIGNATURE.length + 4 + 4;
/** Bit 16 of the flags: OIDs included, which a one-column `COPY (SELECT ...)` never asks for. */
const FLAG_OIDS = 1 << 16;

/**
 * Where the parser stands: before the header, skipping its extension, before a tuple's field
 * count, before its field's length, inside its field's bytes, or past the trailer.
 */
enum State {
  Header,
  Extension,
  FieldCount,
  FieldLength,
  Field,
  Done,
}

const EMPTY = Buffer.alloc(0);

/** Thrown into the stream when what arrives is not a one-column binary COPY. */
export class CopyFormatError extends Error {}

/**
 * The rows of `COPY (SELECT <one text column>) TO STDOUT (FORMAT binary)` as a byte stream of
 * their values, each row's bytes as PostgreSQL sent them: each row is its whole export line
 * (a CSV record, an NDJSON line), so nothing is decoded, split or escaped on the way. The
 * format frames each value with its byte length, so a line may hold any byte (CSV's embedded
 * newlines included), and chunks may break anywhere, inside a length field too. Output goes
 * out in chunks of about `chunkBytes` (one write per row would cost more than the row), the
 * first one opened with `head`; `rows` counts the rows whose bytes have all been passed on.
 */
export class CopyBinaryLines extends Transform {
  rows = 0;

  private state = State.Header;
  /** A fixed-size field split across chunks: the bytes of it received so far. */
  private partial = EMPTY;
  /** Where parse() stands in the chunk it is reading. */
  private at = 0;
  /** Bytes left in the header extension or in the current field. */
  private remaining = 0;
  private out: Buffer;
  private filled = 0;

  constructor(
    private readonly chunkBytes = 64 * 1024,
    head?: Buffer,
  ) {
    super();
    this.out = Buffer.allocUnsafe(chunkBytes);
    if (head) this.gather(head, 0, head.length);
  }

  /** Whether the trailer has been read: every row arrived. */
  get complete(): boolean {
    return this.state === State.Done;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.parse(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.state !== State.Done) {
      callback(new CopyFormatError('binary COPY ended before its trailer'));
      return;
    }
    if (this.filled > 0) this.push(this.out.subarray(0, this.filled));
    callback();
  }

  private parse(chunk: Buffer): void {
    this.at = 0;
    while (this.at < chunk.length) {
      if (this.state === State.FieldCount && this.partial.length === 0) this.wholeRows(chunk);
      if (this.at >= chunk.length) break;
      switch (this.state) {
        case State.Header: {
          const header = this.collect(chunk, HEADER_BYTES);
          if (!header) break;
          if (!header.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
            throw new CopyFormatError('not a binary COPY: bad signature');
          }
          if (header.readUInt32BE(SIGNATURE.length) & FLAG_OIDS) {
            throw new CopyFormatError('binary COPY with OIDs');
          }
          this.remaining = header.readUInt32BE(SIGNATURE.length + 4);
          this.state = State.Extension;
          break;
        }
        case State.Extension: {
          const skipped = Math.min(this.remaining, chunk.length - this.at);
          this.remaining -= skipped;
          this.at += skipped;
          if (this.remaining === 0) this.state = State.FieldCount;
          break;
        }
        case State.FieldCount: {
          const fields = this.readInt(chunk, 2);
          if (fields === undefined) break;
          if (fields === -1) this.state = State.Done;
          else if (fields === 1) this.state = State.FieldLength;
          else throw new CopyFormatError(`binary COPY row with ${fields} fields, not 1`);
          break;
        }
        case State.FieldLength: {
          const bytes = this.readInt(chunk, 4);
          if (bytes === undefined) break;
          if (bytes < 0) throw new CopyFormatError('binary COPY row with a null line');
          this.remaining = bytes;
          this.state = State.Field;
          // An empty line is a whole row already; the chunk may have no bytes left to see it.
          if (bytes === 0) this.endRow();
          break;
        }
        case State.Field: {
          const end = Math.min(chunk.length, this.at + this.remaining);
          this.gather(chunk, this.at, end);
          this.remaining -= end - this.at;
          this.at = end;
          if (this.remaining === 0) this.endRow();
          break;
        }
        case State.Done:
          throw new CopyFormatError('bytes after the binary COPY trailer');
      }
    }
  }

  /**
   * The rows that lie whole in the chunk from `this.at`, read in one tight loop: most rows, as
   * a chunk holds many. Stops before the trailer, a split row, or anything unexpected, which
   * parse() then takes a field at a time.
   */
  private wholeRows(chunk: Buffer): void {
    let at = this.at;
    while (at + 6 <= chunk.length && chunk.readInt16BE(at) === 1) {
      const bytes = chunk.readInt32BE(at + 2);
      const end = at + 6 + bytes;
      if (bytes < 0 || end > chunk.length) break;
      this.gather(chunk, at + 6, end);
      this.rows += 1;
      at = end;
    }
    this.at = at;
  }

  private endRow(): void {
    this.rows += 1;
    this.state = State.FieldCount;
  }

  /**
   * The big-endian integer of `size` (2 or 4) bytes at `this.at`, read straight from the chunk
   * when it holds them all (every row but one per chunk); else undefined while the chunk ends
   * first, its bytes held for the next one.
   */
  private readInt(chunk: Buffer, size: 2 | 4): number | undefined {
    const at = this.at;
    if (this.partial.length === 0 && chunk.length - at >= size) {
      this.at = at + size;
      return size === 2 ? chunk.readInt16BE(at) : chunk.readInt32BE(at);
    }
    const bytes = this.collect(chunk, size);
    if (!bytes) return undefined;
    return size === 2 ? bytes.readInt16BE(0) : bytes.readInt32BE(0);
  }

  /** `size` bytes from `this.at`, joined with any held from earlier chunks (see readInt). */
  private collect(chunk: Buffer, size: number): Buffer | undefined {
    const wanted = Math.min(size - this.partial.length, chunk.length - this.at);
    const bytes = Buffer.concat([this.partial, chunk.subarray(this.at, this.at + wanted)]);
    this.at += wanted;
    if (bytes.length < size) {
      this.partial = bytes;
      return undefined;
    }
    this.partial = EMPTY;
    return bytes;
  }

  /** Copies bytes into the chunk being gathered, sending each one that fills up. */
  private gather(source: Buffer, start: number, end: number): void {
    while (start < end) {
      const copied = source.copy(this.out, this.filled, start, end);
      this.filled += copied;
      start += copied;
      if (this.filled === this.out.length) {
        this.push(this.out);
        this.out = Buffer.allocUnsafe(this.chunkBytes);
        this.filled = 0;
      }
    }
  }
}
