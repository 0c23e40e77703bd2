import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { beginWithFirstQuery } from './begin-with-first-query';

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

/** Runs `work` in a transaction that BEGINs with its first statement. */
export async function runInLazyTransaction<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
  setTx: (tx: EntityManager) => void,
  isolationLevel?: string,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  const transaction = new LazyTransaction(runner, isolationLevel);
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

/** Isolation levels as PostgreSQL spells them after BEGIN ISOLATION LEVEL. */
const ISOLATION_LEVELS = new Set([
  'READ UNCOMMITTED',
  'READ COMMITTED',
  'REPEATABLE READ',
  'SERIALIZABLE',
]);

/**
 * BEGIN sent with the transaction's first statement (beginWithFirstQuery: one round trip for
 * both); COMMIT or ROLLBACK only if it was sent.
 */
class LazyTransaction {
  private client?: Promise<PoolClient>;
  private begun: () => boolean = () => false;

  constructor(
    private readonly runner: QueryRunner,
    isolationLevel?: string,
  ) {
    if (isolationLevel !== undefined && !ISOLATION_LEVELS.has(isolationLevel)) {
      throw new TypeError(`not an isolation level: ${isolationLevel}`);
    }
    const begin = isolationLevel ? `BEGIN ISOLATION LEVEL ${isolationLevel}` : 'BEGIN';
    const connect = runner.connect.bind(runner) as () => Promise<PoolClient>;
    runner.connect = () =>
      (this.client ??= connect().then((client) => {
        this.begun = beginWithFirstQuery(client, begin);
        return client;
      }));
    // What startTransaction would have set: TypeORM then runs its own writes in this
    // transaction, and a nested one as savepoint typeorm_1 (transactionDepth is protected).
    Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
  }

  async end(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    Object.assign(this.runner, { isTransactionActive: false, transactionDepth: 0 });
    if (!this.client) return;
    const client = await this.client;
    // begun() also unhooks a client that never sent a statement, before it is released.
    if (this.begun()) await query(client, statement);
  }
}

/** Errors as TypeORM's runner reports them (deferred constraints fail at COMMIT). */
async function query(client: PoolClient, statement: string): Promise<void> {
  try {
    await client.query(statement);
  } catch (error) {
    throw new QueryFailedError(statement, [], error as Error);
  }
}
