import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Snapshot, SnapshotReader } from './snapshot-reader';

/** How an export ended: every row sent, or cut short (client gone, error) after `rows`. */
export interface ExportOutcome {
  rows: number;
  completed: boolean;
}

export interface ExportPlan<T> {
  /** The rows, read through a cursor in the snapshot. */
  rows: (snapshot: Snapshot) => AsyncIterable<T>;
  /** One row as text (a CSV record, an NDJSON line). */
  format: (row: T) => string;
  /** Called once, after the snapshot is closed (its connection is free again). */
  onEnd: (outcome: ExportOutcome) => Promise<void>;
}

/** Bytes gathered before a chunk goes out: one write per row would cost more than the row. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Streams an export from one snapshot: memory stays flat whatever the row count, and every row
 * comes from the same moment. The snapshot is opened before the stream is handed over, so a
 * database that is down fails the request instead of an answer already begun.
 */
@Injectable()
export class SnapshotExporter {
  constructor(private readonly snapshots: SnapshotReader) {}

  async open<T>(plan: ExportPlan<T>): Promise<Readable> {
    const snapshot = await this.snapshots.open();
    let rows = 0;
    let completed = false;
    let ended: Promise<void> | undefined;
    const end = (): Promise<void> =>
      (ended ??= snapshot.close().finally(() => plan.onEnd({ rows, completed })));

    async function* chunks(): AsyncGenerator<string> {
      let chunk = '';
      try {
        for await (const row of plan.rows(snapshot)) {
          chunk += plan.format(row);
          rows += 1;
          if (chunk.length >= CHUNK_CHARS) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
        completed = true;
      } finally {
        await end();
      }
    }

    const stream = Readable.from(chunks(), { objectMode: false });
    // A stream destroyed before its first read never enters the generator's finally.
    stream.once('close', () => void end().catch(() => undefined));
    return stream;
  }
}
