import type { Readable } from 'node:stream';

/**
 * What an object-mode stream holds, a batch at a time: everything buffered is taken at once,
 * and the wait is for more. Iterating row by row costs a promise per row, more than a row
 * of an export costs otherwise.
 */
export async function* bufferedBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  for (;;) {
    const batch: T[] = [];
    let item: T | null;
    while ((item = stream.read() as T | null) !== null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (stream.readableEnded) return;
    if (stream.destroyed) throw stream.errored ?? new Error('stream closed before its end');
    await moreOrEnd(stream);
  }
}

/** Settles once the stream has more to read, has ended, or has failed. */
function moreOrEnd(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('readable', ready);
      stream.off('end', ready);
      stream.off('close', ready);
      stream.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const ready = (): void => settle();
    stream.on('readable', ready);
    stream.on('end', ready);
    stream.on('close', ready);
    stream.on('error', settle);
  });
}
