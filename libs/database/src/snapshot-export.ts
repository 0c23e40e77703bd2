import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { pipeline, Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ExportLineWriter } from './export/export-line';
import { ExportLines } from './export/export-lines';
import { inlineParameters } from './export/inline-parameters';

/**
 * How an export ended: every row sent, or cut short after `rows` (client gone, an error, or
 * the export's timeout, when `timedOut`).
 */
export interface ExportOutcome {
  rows: number;
  completed: boolean;
  timedOut: boolean;
}

/** A SELECT of a row's export values (exportValuesSql), with its `$n` parameters. */
export interface ExportQuery {
  sql: string;
  parameters: unknown[];
}

export interface ExportPlan {
  /** The rows in order, each as its values (exportValuesSql). */
  query: ExportQuery;
  /** Writes a row as its line of text (a CSV record, an NDJSON line). */
  write: ExportLineWriter;
  /** Written once before the first row (a CSV header), if any. */
  head?: string;
  /** Called once, after the connection is free again. */
  onEnd: (outcome: ExportOutcome) => Promise<void>;
}

/** Raised into a stream the export's timeout cut off. */
export class ExportTimeoutError extends Error {
  constructor(seconds: number) {
    super(`export exceeded EXPORT_TIMEOUT_SECONDS (${seconds} s)`);
  }
}

/** Why a connection is discarded: its COPY was left unfinished. */
class ExportAbortedError extends Error {
  constructor() {
    super('export ended before its COPY');
  }
}

/**
 * Characters gathered before a chunk goes out: one write per row would cost more than the row,
 * and much larger chunks grow the API's memory with nothing gained (bench/README.md, E2).
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * Streams an export: the query runs as one `COPY (...) TO STDOUT`, whose text rows Node cuts
 * into their values and writes as lines (ExportLines): no cursor round trips, no protocol
 * message per row for pg to parse, and no per-value escaping in SQL. One statement sees one
 * snapshot, so every row comes from the same moment with no transaction around it; COPY takes
 * no parameters, so they are written into the statement as escaped literals (inlineParameters).
 * Memory stays flat whatever the row count: the socket is read only as fast as the client
 * reads. The connection is taken before the stream is handed over, so a database that is down
 * fails the request instead of an answer already begun.
 *
 * A COPY cannot be stopped part-way and the connection reused, so when the export ends early
 * (client gone, an error, or EXPORT_TIMEOUT_SECONDS, whether the client is slow or has stopped
 * reading) its connection is discarded (pg's `release(error)` closes it instead of pooling it)
 * and its backend cancelled (`pg_cancel_backend`), in case it is still working towards its
 * first row (a sort) and so not yet writing to the closed socket.
 */
@Injectable()
export class SnapshotExporter {
  private readonly logger = new Logger('Export');
  private readonly timeoutMs: number;
  /** Each pooled connection's backend pid, asked once per connection. */
  private readonly pids = new WeakMap<PoolClient, number>();

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfigService,
  ) {
    this.timeoutMs = config.get('EXPORT_TIMEOUT_SECONDS') * 1000;
  }

  async open(plan: ExportPlan): Promise<Readable> {
    const statement = `COPY (${inlineParameters(plan.query.sql, plan.query.parameters)}) TO STDOUT`;
    // The app's own pool (TypeORM's driver holds it), taken as a plain pg client: its
    // release(error) is ours to call, which a QueryRunner keeps to itself.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    // A checked-out client's connection errors are emitted on it; the copy stream reports them.
    const onClientError = (): void => undefined;
    client.on('error', onClientError);
    let released = false;
    const release = (error?: Error): boolean => {
      if (released) return false;
      released = true;
      client.off('error', onClientError);
      client.release(error);
      return true;
    };

    let pid: number;
    try {
      pid = await this.backendPid(client);
    } catch (error) {
      release(error as Error);
      throw error;
    }

    const copy = client.query(copyTo(statement));
    const lines = new ExportLines(plan.write, CHUNK_CHARS, plan.head);
    let timedOut = false;
    let ended: Promise<void> | undefined;
    const end = (): Promise<void> => {
      clearTimeout(timer);
      return (ended ??= this.abort(release, pid).finally(() =>
        plan.onEnd({ rows: lines.rows, completed: lines.readableEnded, timedOut }),
      ));
    };

    // The whole COPY has come in: the connection is idle again (or about to be, which pg
    // queues for), whatever is still on its way to the client.
    copy.once('end', () => release());
    // An error or an early destroy of either stream ends both; end() then sees to the rest.
    pipeline(copy, lines, () => undefined);
    // A discarded connection fails its COPY once more ("Connection terminated"), after the
    // pipeline has ended: nothing is left to tell.
    copy.on('error', () => undefined);

    const timer = setTimeout(() => {
      timedOut = true;
      lines.destroy(new ExportTimeoutError(this.timeoutMs / 1000));
    }, this.timeoutMs);
    timer.unref();
    lines.once('close', () => void end().catch(() => undefined));
    // The timeout's error ends the response; nothing else is listening for it.
    lines.on('error', () => undefined);
    return lines;
  }

  /** Discards the connection if its COPY is unfinished, and cancels the backend's work. */
  private async abort(release: (error?: Error) => boolean, pid: number): Promise<void> {
    if (!release(new ExportAbortedError())) return;
    try {
      await this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]);
    } catch (error) {
      this.logger.warn(
        `Could not cancel an aborted export's backend ${pid}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async backendPid(client: PoolClient): Promise<number> {
    const known = this.pids.get(client);
    if (known !== undefined) return known;
    const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = result.rows[0].pid;
    this.pids.set(client, pid);
    return pid;
  }
}
