import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { poolReader, requestReader } from './sql-reader';

function fakeDataSource(poolQuery: jest.Mock): DataSource {
  return { driver: { master: { query: poolQuery } } } as unknown as DataSource;
}

function fakeTxHost(active: boolean, dataSource: DataSource, txQuery: jest.Mock) {
  return {
    isTransactionActive: () => active,
    tx: { connection: dataSource, query: txQuery },
  } as unknown as TransactionHost<TransactionalAdapterTypeOrm>;
}

describe(poolReader.name, () => {
  it("should answer the pool's rows", async () => {
    const poolQuery = jest.fn().mockResolvedValue({ rows: [{ id: 'a' }], rowCount: 1 });
    const rows = await poolReader(fakeDataSource(poolQuery)).query('SELECT $1', ['a']);
    expect(rows).toEqual([{ id: 'a' }]);
    expect(poolQuery).toHaveBeenCalledWith('SELECT $1', ['a']);
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
