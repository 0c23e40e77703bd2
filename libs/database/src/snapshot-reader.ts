import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * One read-only REPEATABLE READ transaction on a connection of its own: every query and COPY
 * run through it sees the same snapshot, so a long read (a verification) is consistent
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
