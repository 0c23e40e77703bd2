import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Rows fetched per cursor round trip. TypeORM's QueryRunner.stream keeps pg-query-stream's
 * default of 100, which makes a long export one round trip per 100 rows; a larger batch costs
 * only its own rows in memory.
 */
const STREAM_BATCH_ROWS = 1_000;

/**
 * One read-only REPEATABLE READ transaction on a connection of its own: every query and cursor
 * opened through it sees the same snapshot, so a long read (a verification) is consistent
 * however many rows are written meanwhile. (An export is one COPY statement, consistent by
 * itself: SnapshotExporter.) Close it once done: it holds a pooled connection until then.
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
