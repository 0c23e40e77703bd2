import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Runs a SELECT and answers its rows, as `EntityManager.query` does. */
export type SqlReader = Pick<EntityManager, 'query'>;

/**
 * SELECTs straight on the connection pool. TypeORM's own path (a query runner per statement,
 * its subscriber broadcasts, five awaits) cost more CPU than pg itself for a primary-key read;
 * rows and errors come back as TypeORM gives them: pg's rows, errors as QueryFailedError.
 */
export function poolReader(dataSource: DataSource): SqlReader {
  return { query: (sql: string, params: unknown[] = []) => queryPool(dataSource, sql, params) };
}

/**
 * SELECTs inside the request's transaction when one is open (they must see its writes and
 * locks), else on the pool. For reads only: TypeORM answers other statements differently.
 */
export function requestReader(txHost: TransactionHost<TransactionalAdapterTypeOrm>): SqlReader {
  // Outside a transaction `tx` is always the default manager: its data source is looked up
  // once, not with a second CLS lookup per statement.
  let dataSource: DataSource | undefined;
  return {
    query<T>(sql: string, params: unknown[] = []): Promise<T> {
      if (txHost.isTransactionActive()) return txHost.tx.query<T>(sql, params);
      dataSource ??= txHost.tx.connection;
      return queryPool<T>(dataSource, sql, params);
    },
  };
}

async function queryPool<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query(sql, params)).rows as T;
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}
