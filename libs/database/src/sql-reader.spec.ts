import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { PreparedShapes, PreparedStatement } from './prepared-statement';
import { poolReader, queryInTransaction, requestReader } from './sql-reader';

const BY_ID = new PreparedStatement('SELECT "id" FROM "things" WHERE "id" = $1');

type Callback = (error: Error | undefined, result: unknown) => void;

/**
 * pg's query() answering `result` (or failing with `error`) as pg does: a Query handed with a
 * callback (a client's) is called back, anything else (a pool's) gets a promise.
 */
function answering(result: unknown, error?: Error): jest.Mock {
  return jest.fn((query: { callback?: Callback }) => {
    if (query.callback) {
      const callback = query.callback;
      queueMicrotask(() => callback(error, error ? undefined : result));
      return query;
    }
    return error ? Promise.reject(error) : Promise.resolve(result);
  });
}

/** The statement a query() call was handed, as pg will send it. */
const statement = (text: string, values: unknown[], name?: string): unknown =>
  expect.objectContaining({ text, values, name });

function fakeDataSource(poolQuery: jest.Mock, preparedStatements = true): DataSource {
  return {
    driver: { master: { query: poolQuery } },
    options: { extra: { preparedStatements } },
  } as unknown as DataSource;
}

/** A transaction's manager whose runner holds the connection `clientQuery` answers on. */
function fakeTransaction(dataSource: DataSource, clientQuery: jest.Mock): EntityManager {
  const client = { query: clientQuery };
  return {
    connection: dataSource,
    query: jest.fn(),
    queryRunner: {
      isTransactionActive: true,
      isReleased: false,
      connect: () => Promise.resolve(client),
    },
  } as unknown as EntityManager;
}

function fakeTxHost(active: boolean, dataSource: DataSource, clientQuery: jest.Mock) {
  return {
    isTransactionActive: () => active,
    tx: active ? fakeTransaction(dataSource, clientQuery) : { connection: dataSource },
  } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
}

describe(PreparedStatement.name, () => {
  it('should name a statement after its text, so the same text is the same statement', () => {
    const again = new PreparedStatement(BY_ID.text);
    const other = new PreparedStatement(`${BY_ID.text} FOR UPDATE`);
    expect(again.name).toBe(BY_ID.name);
    expect(other.name).not.toBe(BY_ID.name);
    // PostgreSQL truncates identifiers past 63 bytes: two names must never collide that way.
    expect(BY_ID.name.length).toBeLessThanOrEqual(63);
  });
});

describe(poolReader.name, () => {
  it("should answer the pool's rows", async () => {
    const poolQuery = answering({ rows: [{ id: 'a' }], rowCount: 1 });
    const rows = await poolReader(fakeDataSource(poolQuery)).query('SELECT $1', ['a']);
    expect(rows).toEqual([{ id: 'a' }]);
    expect(poolQuery).toHaveBeenCalledWith(statement('SELECT $1', ['a']));
  });

  it('should send a prepared statement by name, for the connection to prepare once', async () => {
    const poolQuery = answering({ rows: [] });
    await poolReader(fakeDataSource(poolQuery)).query(BY_ID, ['a']);
    expect(poolQuery).toHaveBeenCalledWith(statement(BY_ID.text, ['a'], BY_ID.name));
  });

  it('should send a prepared statement as plain text when the pool may not prepare', async () => {
    const poolQuery = answering({ rows: [] });
    await poolReader(fakeDataSource(poolQuery, false)).query(BY_ID, ['a']);
    expect(poolQuery).toHaveBeenCalledWith(statement(BY_ID.text, ['a']));
  });

  it('should throw QueryFailedError carrying the driver error, as TypeORM does', async () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid'), {
      code: '22P02',
    });
    const reader = poolReader(fakeDataSource(answering(undefined, driverError)));
    const failure = await reader.query('SELECT $1::uuid', ['x']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toBe(driverError);
  });
});

describe(requestReader.name, () => {
  it("should read inside the request's transaction when one is open", async () => {
    const poolQuery = jest.fn();
    const clientQuery = answering({ rows: [{ id: 'in-tx' }] });
    const reader = requestReader(fakeTxHost(true, fakeDataSource(poolQuery), clientQuery));
    await expect(reader.query('SELECT 1', [])).resolves.toEqual([{ id: 'in-tx' }]);
    expect(poolQuery).not.toHaveBeenCalled();
  });

  it('should read on the pool when no transaction is open', async () => {
    const poolQuery = answering({ rows: [{ id: 'pooled' }] });
    const clientQuery = jest.fn();
    const reader = requestReader(fakeTxHost(false, fakeDataSource(poolQuery), clientQuery));
    await expect(reader.query('SELECT 1', [])).resolves.toEqual([{ id: 'pooled' }]);
    expect(clientQuery).not.toHaveBeenCalled();
  });
});

describe(queryInTransaction.name, () => {
  it("should run a prepared statement by name on the transaction's own connection", async () => {
    const clientQuery = answering({ rows: [{ id: 'a' }] });
    const manager = fakeTransaction(fakeDataSource(jest.fn()), clientQuery);
    await expect(queryInTransaction(manager, BY_ID, ['a'])).resolves.toEqual([{ id: 'a' }]);
    expect(clientQuery).toHaveBeenCalledWith(statement(BY_ID.text, ['a'], BY_ID.name));
    expect(manager.query).not.toHaveBeenCalled();
  });

  it("should answer an UPDATE's returned rows, not TypeORM's [rows, count]", async () => {
    const clientQuery = answering({ rows: [{ id: 'a' }], rowCount: 1 });
    const manager = fakeTransaction(fakeDataSource(jest.fn()), clientQuery);
    const update = 'UPDATE "things" SET "n" = $1 WHERE "id" = $2 RETURNING "id"';
    await expect(queryInTransaction(manager, update, [1, 'a'])).resolves.toEqual([{ id: 'a' }]);
    expect(clientQuery).toHaveBeenCalledWith(statement(update, [1, 'a']));
  });

  it('should run on the pool when no transaction holds a connection', async () => {
    const poolQuery = answering({ rows: [{ id: 'a' }] });
    const manager = { connection: fakeDataSource(poolQuery) } as unknown as EntityManager;
    await expect(queryInTransaction(manager, BY_ID, ['a'])).resolves.toEqual([{ id: 'a' }]);
    expect(poolQuery).toHaveBeenCalledWith(statement(BY_ID.text, ['a'], BY_ID.name));
  });
});

describe(PreparedShapes.name, () => {
  it('should prepare each text once, and send new ones as text past its capacity', () => {
    const shapes = new PreparedShapes(2);
    const first = shapes.statementFor('INSERT 1');
    expect(first).toBeInstanceOf(PreparedStatement);
    expect(shapes.statementFor('INSERT 1')).toBe(first);
    expect(shapes.statementFor('INSERT 2')).toBeInstanceOf(PreparedStatement);
    expect(shapes.statementFor('INSERT 3')).toBe('INSERT 3');
    expect(shapes.statementFor('INSERT 1')).toBe(first);
  });
});
