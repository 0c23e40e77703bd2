import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { PreparedStatement } from './prepared-statement';
import { poolReader, queryInTransaction, requestReader } from './sql-reader';

const BY_ID = new PreparedStatement('SELECT "id" FROM "things" WHERE "id" = $1');

function fakeDataSource(poolQuery: jest.Mock, preparedStatements = true): DataSource {
  return {
    driver: { master: { query: poolQuery } },
    options: { extra: { preparedStatements } },
  } as unknown as DataSource;
}

/** A transaction's manager whose runner holds the connection `clientQuery` answers on. */
function fakeTransaction(dataSource: DataSource, clientQuery: jest.Mock, managerQuery: jest.Mock) {
  const client = { query: clientQuery };
  return {
    connection: dataSource,
    query: managerQuery,
    queryRunner: {
      isTransactionActive: true,
      isReleased: false,
      connect: () => Promise.resolve(client),
    },
  } as unknown as EntityManager;
}

function fakeTxHost(active: boolean, dataSource: DataSource, txQuery: jest.Mock) {
  return {
    isTransactionActive: () => active,
    tx: { connection: dataSource, query: txQuery },
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
    const poolQuery = jest.fn().mockResolvedValue({ rows: [{ id: 'a' }], rowCount: 1 });
    const rows = await poolReader(fakeDataSource(poolQuery)).query('SELECT $1', ['a']);
    expect(rows).toEqual([{ id: 'a' }]);
    expect(poolQuery).toHaveBeenCalledWith('SELECT $1', ['a']);
  });

  it('should send a prepared statement by name, for the connection to prepare once', async () => {
    const poolQuery = jest.fn().mockResolvedValue({ rows: [] });
    await poolReader(fakeDataSource(poolQuery)).query(BY_ID, ['a']);
    expect(poolQuery).toHaveBeenCalledWith({ name: BY_ID.name, text: BY_ID.text, values: ['a'] });
  });

  it('should send a prepared statement as plain text when the pool may not prepare', async () => {
    const poolQuery = jest.fn().mockResolvedValue({ rows: [] });
    await poolReader(fakeDataSource(poolQuery, false)).query(BY_ID, ['a']);
    expect(poolQuery).toHaveBeenCalledWith(BY_ID.text, ['a']);
  });

  it('should throw QueryFailedError carrying the driver error, as TypeORM does', async () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid'), {
      code: '22P02',
    });
    const reader = poolReader(fakeDataSource(jest.fn().mockRejectedValue(driverError)));
    const failure = await reader.query('SELECT $1::uuid', ['x']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toBe(driverError);
  });
});

describe(requestReader.name, () => {
  it("should read inside the request's transaction when one is open", async () => {
    const poolQuery = jest.fn();
    const txQuery = jest.fn().mockResolvedValue([{ id: 'in-tx' }]);
    const reader = requestReader(fakeTxHost(true, fakeDataSource(poolQuery), txQuery));
    await expect(reader.query('SELECT 1', [])).resolves.toEqual([{ id: 'in-tx' }]);
    expect(poolQuery).not.toHaveBeenCalled();
  });

  it('should read on the pool when no transaction is open', async () => {
    const poolQuery = jest.fn().mockResolvedValue({ rows: [{ id: 'pooled' }] });
    const txQuery = jest.fn();
    const reader = requestReader(fakeTxHost(false, fakeDataSource(poolQuery), txQuery));
    await expect(reader.query('SELECT 1', [])).resolves.toEqual([{ id: 'pooled' }]);
    expect(txQuery).not.toHaveBeenCalled();
  });
});

describe(queryInTransaction.name, () => {
  it("should run a prepared statement by name on the transaction's own connection", async () => {
    const clientQuery = jest.fn().mockResolvedValue({ rows: [{ id: 'a' }] });
    const managerQuery = jest.fn();
    const manager = fakeTransaction(fakeDataSource(jest.fn()), clientQuery, managerQuery);
    await expect(queryInTransaction(manager, BY_ID, ['a'])).resolves.toEqual([{ id: 'a' }]);
    expect(clientQuery).toHaveBeenCalledWith({ name: BY_ID.name, text: BY_ID.text, values: ['a'] });
    expect(managerQuery).not.toHaveBeenCalled();
  });

  it('should leave plain SQL text to TypeORM', async () => {
    const clientQuery = jest.fn();
    const managerQuery = jest.fn().mockResolvedValue([]);
    const manager = fakeTransaction(fakeDataSource(jest.fn()), clientQuery, managerQuery);
    await queryInTransaction(manager, 'SELECT 1', []);
    expect(managerQuery).toHaveBeenCalledWith('SELECT 1', []);
    expect(clientQuery).not.toHaveBeenCalled();
  });

  it('should send the text through TypeORM when no transaction holds a connection', async () => {
    const managerQuery = jest.fn().mockResolvedValue([]);
    const manager = {
      connection: fakeDataSource(jest.fn()),
      query: managerQuery,
    } as unknown as EntityManager;
    await queryInTransaction(manager, BY_ID, ['a']);
    expect(managerQuery).toHaveBeenCalledWith(BY_ID.text, ['a']);
  });
});
