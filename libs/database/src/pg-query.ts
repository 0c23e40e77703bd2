import { Connection, Query, QueryResult } from 'pg';

/** pg's Query as the statement batches use it: its published types leave these out. */
export interface QueryInternals {
  text?: string;
  name?: string;
  values?: unknown;
  rows?: number;
  callback?: (error: Error | undefined, result: QueryResult) => void;
  requiresPreparation(): boolean;
  submit(connection: Connection): Error | null;
  handleCommandComplete(message: unknown, connection: Connection): void;
}

/** A connection with the statements pg has seen it parse, by name. */
export type ParsingConnection = Connection & { parsedStatements: Record<string, string> };

type QueryClass<Q> = new (config: unknown, values?: unknown) => Q;

/** pg's Query class, typed with its internals, to extend. */
export const PgQuery = Query as unknown as QueryClass<QueryInternals>;

/**
 * A pg Query for `text` and `values`, named `name` if given (pg then prepares it once per
 * connection). Built from text, not a config object: pg copies an object's every property
 * descriptor first, which cost a read on the primary key a few percent of its CPU.
 */
export function pgQuery<Q extends QueryInternals = QueryInternals>(
  text: string,
  values: unknown[],
  name?: string,
  Kind: QueryClass<Q> = PgQuery as QueryClass<Q>,
): Q {
  const query = new Kind(text, values);
  if (name !== undefined) query.name = name;
  return query;
}

/** Whether pg's query() was handed a Query (ours) rather than text or a config object. */
export function isPgQuery(config: unknown): config is QueryInternals {
  return config instanceof Query;
}

/** Writes an unnamed statement's Parse, Bind and Execute, without a Sync. */
export function writeUnsynced(connection: Connection, text: string): void {
  connection.parse({ name: '', text, types: [] }, false);
  connection.bind({}, false);
  connection.execute({}, false);
}

/** Runs `write` with the connection's socket corked: its messages leave in one write. */
export function corked<T>(connection: Connection, write: () => T): T {
  const stream = connection.stream as Connection['stream'] & { cork(): void; uncork(): void };
  stream.cork();
  try {
    return write();
  } finally {
    stream.uncork();
  }
}

/**
 * Sends `query` (a PgQuery) on a client and answers its result as a promise: pg answers a
 * Query it is handed with the Query itself, and calls it back when done. (A pool answers it
 * with a promise of its own.)
 */
export function send(
  client: { query(query: unknown): unknown },
  query: QueryInternals,
): Promise<QueryResult> {
  return new Promise<QueryResult>((resolve, reject) => {
    query.callback = (error, result) => (error ? reject(error) : resolve(result));
    client.query(query);
  });
}
