import { EntityManager, QueryFailedError } from 'typeorm';
import { preparesStatements } from './data-source-options';
import { PreparedStatement } from './prepared-statement';

/** The part of pg's client API used here: a query config in its documented object form. */
interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a prepared statement on the connection of `manager`'s transaction, or on a pooled
 * connection when it runs none, and answers its rows. TypeORM's query() cannot name a
 * statement; QueryRunner.connect() hands over the driver's own client, which can.
 */
export async function queryPrepared<T>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const transactionRunner = manager.queryRunner;
  const runner = transactionRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const name = preparesStatements(manager.connection) ? statement.name : undefined;
    const result = await client.query({ name, text: statement.text, values });
    return result.rows as T[];
  } catch (error) {
    throw error instanceof QueryFailedError
      ? error
      : new QueryFailedError(statement.text, values, error as Error);
  } finally {
    if (!transactionRunner) await runner.release();
  }
}
