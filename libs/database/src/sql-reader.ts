import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { preparesStatements } from './data-source-options';
import { pgQuery, QueryInternals, send } from './pg-query';
import { PreparedStatement } from './prepared-statement';

/** SQL text, or a fixed statement that each connection prepares once. */
export type Sql = string | PreparedStatement;

/** Runs a SELECT and answers its rows, as `EntityManager.query` does. */
export interface SqlReader {
  query<T = unknown>(sql: Sql, params?: unknown[]): Promise<T>;
}

/**
 * SELECTs straight on the connection pool. TypeORM's own path (a query runner per statement,
 * its subscriber broadcasts, five awaits) cost more CPU than pg itself for a primary-key read;
 * rows and errors come back as TypeORM gives them: pg's rows, errors as QueryFailedError.
 */
export function poolReader(dataSource: DataSource): SqlReader {
  return { query: (sql, params = []) => queryPool(dataSource, sql, params) };
}

/**
 * SELECTs inside the request's transaction when one is open (they must see its writes and
 * locks), else on the pool: outside a transaction `tx` is the default manager, which holds no
 * query runner.
 */
export function requestReader(txHost: TransactionHost<TransactionalAdapterTypeOrm>): SqlReader {
  return { query: (sql, params = []) => queryInTransaction(txHost.tx, sql, params) };
}

/**
 * A statement on the connection of the transaction `manager` runs (on the pool when it runs
 * none), answering its rows whatever the statement: RETURNING rows for an INSERT or UPDATE,
 * where TypeORM's query() would answer an UPDATE as [rows, count].
 */
export async function queryInTransaction<T>(
  manager: EntityManager,
  sql: Sql,
  params: unknown[],
): Promise<T> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive || runner.isReleased) {
    return queryPool<T>(manager.connection, sql, params);
  }
  // The transaction's connection; its first statement also carries BEGIN (LazyTransaction).
  const client = (await runner.connect()) as PoolClient;
  return queryClient<T>(client, sql, params, preparesStatements(manager.connection));
}

/** A statement on one pooled client, answering its rows; errors as QueryFailedError. */
export async function queryClient<T>(
  client: PoolClient,
  sql: Sql,
  params: unknown[],
  prepare: boolean,
): Promise<T> {
  return rowsOf<T>(send(client, statementQuery(sql, params, prepare)), sql, params);
}

async function queryPool<T>(dataSource: DataSource, sql: Sql, params: unknown[]): Promise<T> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const query = statementQuery(sql, params, preparesStatements(dataSource));
  return rowsOf<T>(pool.query(query) as unknown as Promise<QueryResult>, sql, params);
}

async function rowsOf<T>(result: Promise<QueryResult>, sql: Sql, params: unknown[]): Promise<T> {
  try {
    return (await result).rows as T;
  } catch (error) {
    throw new QueryFailedError(textOf(sql), params, error as Error);
  }
}

/** pg's Query for a statement: named, so prepared once per connection, if `prepare` allows. */
export function statementQuery<Q extends QueryInternals>(
  sql: Sql,
  params: unknown[],
  prepare: boolean,
  Kind?: new (config: unknown, values?: unknown) => Q,
): Q {
  const name = prepare && sql instanceof PreparedStatement ? sql.name : undefined;
  return pgQuery(textOf(sql), params, name, Kind);
}

export function textOf(sql: Sql): string {
  return typeof sql === 'string' ? sql : sql.text;
}
