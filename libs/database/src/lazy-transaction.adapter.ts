import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { BeginHook, beginWithFirstQuery } from './begin-with-first-query';
import { ThenCommitQuery } from './commit-with-last-query';
import { preparesStatements } from './data-source-options';
import { send } from './pg-query';
import { queryClient, queryInTransaction, Sql, statementQuery, textOf } from './sql-reader';

type AdapterOptions = ConstructorParameters<typeof TransactionalAdapterTypeOrm>[0];

/**
 * TypeORM's adapter for nestjs-cls, but a transaction begins with its first statement (in the
 * same round trip) and is begun and ended on the pg connection itself. Nest runs a write's
 * pipes (body validation) inside the interceptor that opens its transaction: begun up front, every request held a
 * pooled connection while it was validated, and a 400 still cost BEGIN and ROLLBACK. And
 * TypeORM's startTransaction/commitTransaction (four subscriber broadcasts, its query
 * wrapper twice) cost more CPU than the statements. Repositories and the manager still work:
 * the transaction's query runner is TypeORM's own, marked as in a transaction.
 */
export class LazyTransactionAdapter extends TransactionalAdapterTypeOrm {
  constructor(options: AdapterOptions) {
    super(options);
    const typeOrmOptions = this.optionsFactory;
    this.optionsFactory = (dataSource: DataSource) => ({
      ...typeOrmOptions(dataSource),
      wrapWithTransaction: (options, fn, setTx) =>
        runInLazyTransaction(dataSource, fn, setTx, options?.isolationLevel),
    });
  }
}

/** Transactions runInLazyTransaction has open, by their query runner (see queryAtCommit). */
const transactions = new WeakMap<QueryRunner, LazyTransaction>();

/** Runs `work` in a transaction that BEGINs with its first statement. */
export async function runInLazyTransaction<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  setTx: (tx: EntityManager) => void,
  isolationLevel?: string,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const transaction = new LazyTransaction(runner, preparesStatements(dataSource), isolationLevel);
  transactions.set(runner, transaction);
  try {
    setTx(runner.manager);
    const result = await work();
    await transaction.end('COMMIT');
    return result;
  } catch (error) {
    // The original error is the one worth reporting; a failed ROLLBACK only drops the session.
    await transaction.end('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/**
 * Runs a statement last in the transaction `manager` runs, sent with its COMMIT in one round
 * trip, and not at all if it rolls back; at once outside such a transaction. For a statement
 * nothing later in the transaction depends on, such as queueing its audit event: its errors
 * surface at commit.
 */
export async function queryAtCommit(
  manager: EntityManager,
  sql: Sql,
  params: unknown[],
): Promise<void> {
  const runner = manager.queryRunner;
  const transaction = runner?.isTransactionActive ? transactions.get(runner) : undefined;
  if (transaction) transaction.atCommit({ sql, params });
  else await queryInTransaction(manager, sql, params);
}

/** Isolation levels as PostgreSQL spells them after BEGIN ISOLATION LEVEL. */
const ISOLATION_LEVELS = new Set([
  'READ UNCOMMITTED',
  'READ COMMITTED',
  'REPEATABLE READ',
  'SERIALIZABLE',
]);

interface Statement {
  sql: Sql;
  params: unknown[];
}

/**
 * BEGIN sent with the transaction's first statement (beginWithFirstQuery) and COMMIT with its
 * last (queryAtCommit): each in the same round trip as a statement. Nothing is sent for a
 * transaction that ran no statement.
 */
class LazyTransaction {
  private client?: Promise<PoolClient>;
  private begin?: BeginHook;
  private readonly atEnd: Statement[] = [];

  constructor(
    private readonly runner: QueryRunner,
    private readonly prepare: boolean,
    isolationLevel?: string,
  ) {
    if (isolationLevel !== undefined && !ISOLATION_LEVELS.has(isolationLevel)) {
      throw new TypeError(`not an isolation level: ${isolationLevel}`);
    }
    const begin = isolationLevel ? `BEGIN ISOLATION LEVEL ${isolationLevel}` : 'BEGIN';
    const connect = runner.connect.bind(runner) as () => Promise<PoolClient>;
    runner.connect = () =>
      (this.client ??= connect().then((client) => {
        this.begin = beginWithFirstQuery(client, begin);
        return client;
      }));
    // What startTransaction would have set: TypeORM then runs its own writes in this
    // transaction, and a nested one as savepoint typeorm_1 (transactionDepth is protected).
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  }

  atCommit(statement: Statement): void {
    this.atEnd.push(statement);
  }

  async end(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    Object.assign(this.runner, { isTransactionActive: false, transactionDepth: 0 });
    const last = statement === 'COMMIT' ? this.atEnd.pop() : undefined;
    if (last) return this.commitWith(last);
    if (!this.client) return;
    const client = await this.client;
    if (this.begin?.sent) await queryClient(client, statement, [], false);
    // A client that sent nothing goes back to the pool without the hook.
    else this.begin?.unhook();
  }

  private async commitWith(last: Statement): Promise<void> {
    const client = (await this.runner.connect()) as PoolClient;
    for (const { sql, params } of this.atEnd) {
      await queryClient(client, sql, params, this.prepare);
    }
    if (!this.begin?.sent) {
      // The statement is the transaction's first: it carries BEGIN, so COMMIT goes apart.
      await queryClient(client, last.sql, last.params, this.prepare);
      await queryClient(client, 'COMMIT', [], false);
      return;
    }
    const carrier = statementQuery(last.sql, last.params, this.prepare, ThenCommitQuery);
    try {
      await send(client, carrier);
    } catch (error) {
      throw carrier.statementDone
        ? new QueryFailedError('COMMIT', [], error as Error)
        : new QueryFailedError(textOf(last.sql), last.params, error as Error);
    }
  }
}
