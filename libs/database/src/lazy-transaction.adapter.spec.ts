import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { runInLazyTransaction } from './lazy-transaction.adapter';

/** A query runner whose connection records the statements sent on it. */
function fakeDataSource(failOn?: string) {
  const sent: string[] = [];
  const client = {
    query: jest.fn((statement: string) => {
      sent.push(statement);
      return statement === failOn
        ? Promise.reject(new Error(`${statement} failed`))
        : Promise.resolve({ rows: [] });
    }),
  };
  const connect = jest.fn(() => Promise.resolve(client));
  const runner = {
    manager: {} as EntityManager,
    isTransactionActive: false,
    connect,
    release: jest.fn(() => Promise.resolve()),
  };
  const dataSource = { createQueryRunner: () => runner } as unknown as DataSource;
  /** What a statement in the transaction does first: connect, as TypeORM's query() does. */
  const statement = async (text: string) => {
    const connected = await (runner as unknown as QueryRunner).connect();
    await (connected as typeof client).query(text);
  };
  return { dataSource, runner, connect, sent, statement };
}

describe(runInLazyTransaction.name, () => {
  it('should BEGIN before the first statement and COMMIT after the work', async () => {
    const { dataSource, runner, sent, statement } = fakeDataSource();
    let activeDuringWork = false;

    const result = await runInLazyTransaction(
      dataSource,
      async () => {
        activeDuringWork = runner.isTransactionActive;
        await statement('INSERT 1');
        await statement('INSERT 2');
        return 'done';
      },
      jest.fn(),
    );

    expect(result).toBe('done');
    expect(activeDuringWork).toBe(true);
    expect(sent).toEqual(['BEGIN', 'INSERT 1', 'INSERT 2', 'COMMIT']);
    expect(runner.isTransactionActive).toBe(false);
    expect(runner.release).toHaveBeenCalledTimes(1);
  });

  it('should hand the work the runner manager as its transaction', async () => {
    const { dataSource, runner } = fakeDataSource();
    const setTx = jest.fn();

    await runInLazyTransaction(dataSource, () => Promise.resolve(undefined), setTx);

    expect(setTx).toHaveBeenCalledWith(runner.manager);
  });

  it('should send nothing and hold no connection for work that ran no statement', async () => {
    const { dataSource, runner, connect, sent } = fakeDataSource();

    await expect(
      runInLazyTransaction(dataSource, () => Promise.reject(new Error('invalid body')), jest.fn()),
    ).rejects.toThrow('invalid body');

    expect(sent).toEqual([]);
    expect(connect).not.toHaveBeenCalled();
    expect(runner.release).toHaveBeenCalledTimes(1);
  });

  it('should ROLLBACK and rethrow the work error after a statement ran', async () => {
    const { dataSource, sent, statement } = fakeDataSource();

    await expect(
      runInLazyTransaction(
        dataSource,
        async () => {
          await statement('INSERT 1');
          throw new Error('second write refused');
        },
        jest.fn(),
      ),
    ).rejects.toThrow('second write refused');

    expect(sent).toEqual(['BEGIN', 'INSERT 1', 'ROLLBACK']);
  });

  it('should report a failed COMMIT (a deferred constraint) as a QueryFailedError', async () => {
    const { dataSource, runner, statement } = fakeDataSource('COMMIT');

    const error = await runInLazyTransaction(
      dataSource,
      () => statement('INSERT 1'),
      jest.fn(),
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).query).toBe('COMMIT');
    expect(runner.release).toHaveBeenCalledTimes(1);
  });

  it('should begin with the isolation level asked for, and refuse an unknown one', async () => {
    const { dataSource, sent, statement } = fakeDataSource();

    await runInLazyTransaction(dataSource, () => statement('SELECT 1'), jest.fn(), 'SERIALIZABLE');
    expect(sent[0]).toBe('BEGIN ISOLATION LEVEL SERIALIZABLE');

    await expect(
      runInLazyTransaction(
        dataSource,
        () => statement('SELECT 1'),
        jest.fn(),
        'SERIALIZABLE; DROP',
      ),
    ).rejects.toThrow(TypeError);
  });
});
