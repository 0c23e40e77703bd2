import { Connection, PoolClient, Query, QueryResult } from 'pg';

/** pg's Query as this file uses it: its published types leave these out. */
interface QueryInternals {
  text?: string;
  name?: string;
  values?: unknown;
  rows?: number;
  callback?: (error: Error | undefined, result: QueryResult) => void;
  requiresPreparation(): boolean;
  submit(connection: Connection): Error | null;
  handleCommandComplete(message: unknown, connection: Connection): void;
}

type Parsed = Connection & { parsedStatements: Record<string, string> };
type QueryMethod = (config: unknown, values?: unknown, callback?: unknown) => unknown;

const PgQuery = Query as unknown as new (config: unknown, values?: unknown) => QueryInternals;

/**
 * pg's Query with a BEGIN written ahead of it in the same extended-protocol batch, before its
 * Sync: both cost one round trip, and if BEGIN fails the server skips the statement, so it
 * never runs outside the transaction.
 */
class BeginThenQuery extends PgQuery {
  private beginAnswered = false;

  constructor(
    private readonly begin: string,
    config: unknown,
    values?: unknown,
  ) {
    super(config, values);
  }

  /** Whether this statement can follow BEGIN unsynced; otherwise BEGIN goes on its own. */
  canCarryBegin(connection: Parsed): boolean {
    if (typeof this.text !== 'string' || this.rows !== undefined || this.callback) return false;
    if (this.values !== undefined && !Array.isArray(this.values)) return false;
    // Text without values goes as a simple query, which cannot share the batch; a named
    // statement only once parsed here, or BEGIN's ParseComplete would be taken for its own.
    if (!this.requiresPreparation()) return false;
    return this.name === undefined || connection.parsedStatements[this.name] === this.text;
  }

  override submit(connection: Connection): Error | null {
    const stream = connection.stream as Connection['stream'] & { cork(): void; uncork(): void };
    stream.cork();
    try {
      connection.parse({ name: '', text: this.begin, types: [] }, false);
      connection.bind({}, false);
      connection.execute({}, false);
      return super.submit(connection);
    } finally {
      stream.uncork();
    }
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

/**
 * Makes `client`'s next query carry `begin` (see BeginThenQuery), whoever sends it: our SQL or
 * TypeORM's query runner. Answers a function that tells whether BEGIN was sent, and that
 * removes the hook if not (call it before the client goes back to the pool).
 */
export function beginWithFirstQuery(client: PoolClient, begin: string): () => boolean {
  const own = client as unknown as { query: QueryMethod; connection: Parsed };
  const query = own.query;
  const hadOwnQuery = Object.hasOwn(own, 'query');
  const unhook = () => {
    if (hadOwnQuery) own.query = query;
    else delete (own as Partial<typeof own>).query;
  };
  let sent = false;
  own.query = (config, values, callback) => {
    unhook();
    sent = true;
    const carrier = new BeginThenQuery(begin, config, values);
    if (
      callback !== undefined ||
      typeof values === 'function' ||
      !carrier.canCarryBegin(own.connection)
    ) {
      return (async () => {
        await query.call(client, begin);
        return query.call(client, config, values, callback);
      })();
    }
    return new Promise<QueryResult>((resolve, reject) => {
      carrier.callback = (error, result) => (error ? reject(error) : resolve(result));
      query.call(client, carrier);
    });
  };
  return () => {
    if (!sent) unhook();
    return sent;
  };
}
