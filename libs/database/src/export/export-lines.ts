import { Transform, TransformCallback } from 'node:stream';
import { CopyTextSplitter } from '../copy/copy-text-rows';
import type { ExportLineWriter } from './export-line';

/**
 * The rows of `COPY (<exportValuesSql>) TO STDOUT` (text format) as their export lines: each
 * row is written by `writeLine` and the lines go out in chunks of about `chunkChars` (one write
 * per row would cost more than the row), the first one opened with `head`. `rows` counts the
 * rows written. A COPY that ends inside a row fails the stream.
 */
export class ExportLines extends Transform {
  rows = 0;

  private readonly splitter = new CopyTextSplitter();
  private chunk: string;

  constructor(
    private readonly writeLine: ExportLineWriter,
    private readonly chunkChars = 64 * 1024,
    head = '',
  ) {
    super();
    this.chunk = head;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      for (const row of this.splitter.rows(data)) {
        this.chunk += this.writeLine(row);
        this.rows += 1;
        if (this.chunk.length >= this.chunkChars) {
          this.push(this.chunk);
          this.chunk = '';
        }
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.splitter.end();
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (this.chunk) this.push(this.chunk);
    callback();
  }
}
