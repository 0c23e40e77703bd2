import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { bufferedBatches } from './export/buffered-batches';

/**
 * Rows fetched per cursor round trip. TypeORM's QueryRunner.stream keeps pg-query-stream's
 * default of 100, which makes a long export one round trip per 100 rows; a larger batch costs
 * only its own rows in memory.
 */
const STREAM_BATCH_ROWS = 1_000;

/** Rows per round trip for `lineBatches`: a row is one line of text there (a few hundred bytes). */
const LINE_BATCH_ROWS = 2_000;

/**
 * One read-only REPEATABLE READ transaction on a connection of its own: every query and cursor
 * opened through it sees the same snapshot, so a long read (an export, a verification) is
 * consistent however many rows are written meanwhile. Close it once done: it holds a pooled
 * connection until then.
 */
export class Snapshot {
  #closed = false;

  constructor(private readonly runner: QueryRunner) {}

  /** Runs queries inside the snapshot. */
  get manager(): EntityManager {
    return this.runner.manager;
  }

  /**
   * The rows of `sql`, read through one server-side cursor a batch at a time, on the
   * snapshot's own connection (QueryRunner.connect() hands over its pg client); with
   * `rowMode: 'array'`, each row is an array of its columns' values in select-list order.
   */
  async stream(
    sql: string,
    parameters: unknown[] = [],
    options: { rowMode?: 'array' } = {},
  ): Promise<Readable> {
    const client = (await this.runner.connect()) as PoolClient;
    return client.query(
      new QueryStream(sql, parameters, { batchSize: STREAM_BATCH_ROWS, rowMode: options.rowMode }),
    );
  }

  /**
   * The one text column `sql` selects (a line each row), through one cursor on the snapshot's
   * connection, in batches of what has arrived: rows come as arrays, so pg builds no object
   * per row and parses nothing. The next batch is fetched while one is being sent.
   */
  async *lineBatches(sql: string, parameters: unknown[] = []): AsyncGenerator<string[]> {
    const client = (await this.runner.connect()) as PoolClient;
    const stream = client.query(
      new QueryStream(sql, parameters, { batchSize: LINE_BATCH_ROWS, rowMode: 'array' }),
    );
    try {
      for await (const rows of bufferedBatches<[string]>(stream)) yield rows.map(([line]) => line);
    } finally {
      stream.destroy();
    }
  }

  /**
   * What `COPY (...) TO STDOUT` sends, as a byte stream, on the snapshot's connection: no
   * cursor round trips and no per-row protocol messages for pg to parse. Read it to its end
   * (copyTextRowBatches drains what a consumer leaves): the connection stays in COPY mode
   * until then.
   */
  async copyOut(copySql: string): Promise<Readable> {
    const client = (await this.runner.connect()) as PoolClient;
    return client.query(copyTo(copySql));
  }

  /** Ends the transaction and gives the connection back; safe to call more than once. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

@Injectable()
export class SnapshotReader {
  constructor(private readonly dataSource: DataSource) {}

  async open(): Promise<Snapshot> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      // Read only: nothing written through a snapshot could be linked into the audit chain.
      await runner.query('SET TRANSACTION READ ONLY');
    } catch (error) {
      await runner.release();
      throw error;
    }
    return new Snapshot(runner);
  }

  /** Runs `work` in a snapshot and closes it however `work` ends. */
  async read<T>(work: (snapshot: Snapshot) => Promise<T>): Promise<T> {
    const snapshot = await this.open();
    try {
      return await work(snapshot);
    } finally {
      await snapshot.close();
    }
  }
}
