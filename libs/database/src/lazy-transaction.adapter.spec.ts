import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { ThenCommitQuery } from './commit-with-last-query';
import { queryAtCommit, runInLazyTransaction } from './lazy-transaction.adapter';

type Submitted = { text: string; callback(error: Error | null, result: unknown): void };

/**
 * A query runner whose connection records the statements sent on it, as text or as pg Queries
 * (answered through their callback). A statement sent with COMMIT (ThenCommitQuery) is
 * recorded as `<statement> + COMMIT`.
 */
function fakeDataSource(failOn?: string) {
  const sent: string[] = [];
  const answer = (statement: string) =>
    statement === failOn
      ? Promise.reject(new Error(`${statement} failed`))
      : Promise.resolve({ rows: [] });
  const client = {
    query: jest.fn((statement: string | Submitted) => {
      if (typeof statement === 'string') {
        sent.push(statement);
        return answer(statement);
      }
      const text =
        statement instanceof ThenCommitQuery ? `${statement.text} + COMMIT` : statement.text;
      sent.push(text);
      answer(text).then(
        (result) => statement.callback(null, result),
        (error: Error) => statement.callback(error, undefined),
      );
      return statement;
    }),
  };
  const connect = jest.fn(() => Promise.resolve(client));
  const runner = {
    manager: {} as EntityManager,
    isTransactionActive: false,
    connect,
    release: jest.fn(() => Promise.resolve()),
  };
  runner.manager = { queryRunner: runner } as unknown as EntityManager;
  const dataSource = { createQueryRunner: () => runner, options: {} } as unknown as DataSource;
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

  describe(queryAtCommit.name, () => {
    it('should send the statement with COMMIT, after the ones sent at once', async () => {
      const { dataSource, runner, sent, statement } = fakeDataSource();

      await runInLazyTransaction(
        dataSource,
        async () => {
          await statement('UPDATE 1');
          await queryAtCommit(runner.manager, 'INSERT audit', []);
          await statement('UPDATE 2');
        },
        jest.fn(),
      );

      expect(sent).toEqual(['BEGIN', 'UPDATE 1', 'UPDATE 2', 'INSERT audit + COMMIT']);
    });

    it('should never send it when the transaction rolls back', async () => {
      const { dataSource, runner, sent, statement } = fakeDataSource();

      await expect(
        runInLazyTransaction(
          dataSource,
          async () => {
            await statement('UPDATE 1');
            await queryAtCommit(runner.manager, 'INSERT audit', []);
            throw new Error('refused after the audit was queued');
          },
          jest.fn(),
        ),
      ).rejects.toThrow('refused after');

      expect(sent).toEqual(['BEGIN', 'UPDATE 1', 'ROLLBACK']);
    });

    it('should begin the transaction with it when it is the only statement', async () => {
      const { dataSource, runner, sent } = fakeDataSource();

      await runInLazyTransaction(
        dataSource,
        () => queryAtCommit(runner.manager, 'INSERT audit', []),
        jest.fn(),
      );

      expect(sent).toEqual(['BEGIN', 'INSERT audit', 'COMMIT']);
    });

    it('should report a failed COMMIT and roll back', async () => {
      const { dataSource, runner, sent, statement } = fakeDataSource('INSERT audit + COMMIT');

      const error = await runInLazyTransaction(
        dataSource,
        async () => {
          await statement('UPDATE 1');
          await queryAtCommit(runner.manager, 'INSERT audit', []);
        },
        jest.fn(),
      ).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(QueryFailedError);
      expect(sent).toEqual(['BEGIN', 'UPDATE 1', 'INSERT audit + COMMIT', 'ROLLBACK']);
    });

    it('should send it at once outside a lazy transaction', async () => {
      const query = jest.fn(() => Promise.resolve({ rows: [] }));
      const manager = {
        queryRunner: undefined,
        connection: { driver: { master: { query } }, options: {} },
      } as unknown as EntityManager;

      await queryAtCommit(manager, 'INSERT audit', ['x']);

      expect(query).toHaveBeenCalledWith(
        expect.objectContaining({ text: 'INSERT audit', values: ['x'] }),
      );
    });
  });
});
