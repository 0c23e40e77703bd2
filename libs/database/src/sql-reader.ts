import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { preparesStatements } from './data-source-options';
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
  // The transaction's connection; the first connect() also sends its BEGIN (LazyTransaction).
  const client = (await runner.connect()) as PoolClient;
  return run<T>(client, sql, params, preparesStatements(manager.connection));
}

async function queryPool<T>(dataSource: DataSource, sql: Sql, params: unknown[]): Promise<T> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return run<T>(pool, sql, params, preparesStatements(dataSource));
}

async function run<T>(
  target: Pool | PoolClient,
  sql: Sql,
  params: unknown[],
  prepare: boolean,
): Promise<T> {
  const text = textOf(sql);
  try {
    const result = await target.query(...queryArguments(sql, params, prepare));
    return result.rows as T;
  } catch (error) {
    throw new QueryFailedError(text, params, error as Error);
  }
}

/**
 * pg's query() arguments: a named config for a statement to prepare, else text and values
 * apart (pg copies a config object's every property first).
 */
export function queryArguments(
  sql: Sql,
  params: unknown[],
  prepare: boolean,
): [QueryConfig | string, unknown[]?] {
  return prepare && sql instanceof PreparedStatement
    ? [{ name: sql.name, text: sql.text, values: params }]
    : [textOf(sql), params];
}

export function textOf(sql: Sql): string {
  return typeof sql === 'string' ? sql : sql.text;
}
