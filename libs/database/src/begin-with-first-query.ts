import { Connection, PoolClient } from 'pg';
import {
  corked,
  isPgQuery,
  ParsingConnection,
  PgQuery,
  pgQuery,
  send,
  writeUnsynced,
} from './pg-query';

type QueryMethod = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * pg's Query with a BEGIN written ahead of it in the same extended-protocol batch, before its
 * Sync: both cost one round trip, and if BEGIN fails the server skips the statement, so it
 * never runs outside the transaction.
 */
class BeginThenQuery extends PgQuery {
  begin = 'BEGIN';
  private beginAnswered = false;

  /** Whether this statement can follow BEGIN unsynced; otherwise BEGIN goes on its own. */
  canCarryBegin(connection: ParsingConnection): boolean {
    if (typeof this.text !== 'string' || this.rows !== undefined || this.callback) return false;
    if (this.values !== undefined && !Array.isArray(this.values)) return false;
    // Text without values goes as a simple query, which cannot share the batch; a named
    // statement only once parsed here, or BEGIN's ParseComplete would be taken for its own.
    if (!this.requiresPreparation()) return false;
    return this.name === undefined || connection.parsedStatements[this.name] === this.text;
  }

  override submit(connection: Connection): Error | null {
    return corked(connection, () => {
      writeUnsynced(connection, this.begin);
      return super.submit(connection);
    });
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    // The first CommandComplete is BEGIN's; the result is the statement's alone.
    if (!this.beginAnswered) {
      this.beginAnswered = true;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

/** A client's pending BEGIN (beginWithFirstQuery). */
export interface BeginHook {
  /** Whether BEGIN has gone out, with a statement or on its own. */
  readonly sent: boolean;
  /** Drops the hook if BEGIN has not gone out: the client goes back to the pool as it came. */
  unhook(): void;
}

/**
 * Makes `client`'s next query carry `begin` (see BeginThenQuery), whoever sends it: our SQL or
 * TypeORM's query runner.
 */
export function beginWithFirstQuery(client: PoolClient, begin: string): BeginHook {
  const own = client as unknown as { query: QueryMethod; connection: ParsingConnection };
  const query = own.query;
  const hadOwnQuery = Object.hasOwn(own, 'query');
  const restore = () => {
    if (hadOwnQuery) own.query = query;
    else delete (own as Partial<typeof own>).query;
  };
  const hook = {
    sent: false,
    unhook() {
      if (!hook.sent) restore();
    },
  };
  own.query = (config, values, callback) => {
    restore();
    hook.sent = true;
    // A Query of ours (see send) is answered through its callback; text or a config object
    // (TypeORM's), with a promise.
    const submitted = isPgQuery(config) ? config : undefined;
    const carrier = submitted
      ? pgQuery(submitted.text ?? '', submitted.values as unknown[], submitted.name, BeginThenQuery)
      : new BeginThenQuery(config, values);
    carrier.begin = begin;
    const carries =
      callback === undefined &&
      typeof values !== 'function' &&
      carrier.canCarryBegin(own.connection);
    if (submitted) {
      if (carries) {
        carrier.callback = submitted.callback;
        query.call(client, carrier);
      } else {
        void (query.call(client, begin) as Promise<unknown>).then(
          () => query.call(client, submitted),
          (error: Error) => submitted.callback?.(error, undefined as never),
        );
      }
      return submitted;
    }
    if (carries) return send({ query: (carried) => query.call(client, carried) }, carrier);
    return (async () => {
      await query.call(client, begin);
      return query.call(client, config, values, callback);
    })();
  };
  return hook;
}
