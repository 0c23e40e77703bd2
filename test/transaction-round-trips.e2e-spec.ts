import { Client } from 'pg';
import { EmbeddedPostgres } from '@rct/database';
import { beginWithFirstQuery } from '../libs/database/src/begin-with-first-query';
import { ThenCommitQuery } from '../libs/database/src/commit-with-last-query';
import { pgQuery, send } from '../libs/database/src/pg-query';
import { createServerDatabase, serverUrl, TestDatabase } from './support/test-database';

/**
 * BEGIN carried by a transaction's first statement and COMMIT by its last, on a real
 * PostgreSQL: one round trip for each pair (a round trip ends in one ReadyForQuery), and
 * nothing committed that should not be.
 */
describe('transaction round trips', () => {
  let database: TestDatabase | undefined;
  let embedded: EmbeddedPostgres | undefined;
  let client: Client;
  let roundTrips = 0;

  beforeAll(async () => {
    const base = serverUrl();
    let url: string;
    if (base) {
      database = await createServerDatabase(base);
      url = database.url!;
    } else {
      embedded = await EmbeddedPostgres.start('memory://', 4);
      url = embedded.url;
    }
    client = new Client({ connectionString: url });
    await client.connect();
    const connection = (client as unknown as { connection: NodeJS.EventEmitter }).connection;
    connection.on('readyForQuery', () => (roundTrips += 1));
    await client.query('CREATE TABLE probe (id integer PRIMARY KEY, note text NOT NULL)');
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
    await embedded?.stop();
  });

  beforeEach(async () => {
    await client.query('TRUNCATE probe');
    roundTrips = 0;
  });

  /**
   * The transaction status ('I' idle, 'T' in a transaction, 'E' in a failed one) as of the last
   * ReadyForQuery, once it has come: pg rejects a query on the error, before that message.
   */
  async function status(): Promise<string> {
    const state = client as unknown as { readyForQuery: boolean; getTransactionStatus(): string };
    while (!state.readyForQuery) await new Promise((resolve) => setImmediate(resolve));
    return state.getTransactionStatus();
  }
  const notes = async () =>
    (await client.query<{ note: string }>('SELECT note FROM probe ORDER BY id')).rows.map(
      (row) => row.note,
    );

  it('should send BEGIN and a parameterised statement in one round trip', async () => {
    const begin = beginWithFirstQuery(client as never, 'BEGIN');

    const inserted = await client.query('INSERT INTO probe VALUES ($1, $2) RETURNING note', [
      1,
      'first',
    ]);

    expect(inserted.rows).toEqual([{ note: 'first' }]);
    expect(inserted.command).toBe('INSERT');
    expect(roundTrips).toBe(1);
    expect(await status()).toBe('T');
    expect(begin.sent).toBe(true);
    await client.query('ROLLBACK');
    expect(await notes()).toEqual([]);
  });

  it('should carry BEGIN with a named statement the connection has already parsed', async () => {
    const statement = { name: 'probe_insert', text: 'INSERT INTO probe VALUES ($1, $2)' };
    await client.query({ ...statement, values: [1, 'parsed here'] });
    roundTrips = 0;
    beginWithFirstQuery(client as never, 'BEGIN ISOLATION LEVEL SERIALIZABLE');

    await client.query({ ...statement, values: [2, 'in the transaction'] });
    const isolation = await client.query<{ level: string }>('SELECT current_setting($1) AS level', [
      'transaction_isolation',
    ]);
    await client.query('COMMIT');

    expect(isolation.rows).toEqual([{ level: 'serializable' }]);
    expect(roundTrips).toBe(3);
    expect(await notes()).toEqual(['parsed here', 'in the transaction']);
  });

  it('should send BEGIN on its own ahead of a named statement not parsed yet', async () => {
    beginWithFirstQuery(client as never, 'BEGIN');

    await client.query({
      name: 'probe_new',
      text: 'INSERT INTO probe VALUES ($1, $2)',
      values: [1, 'x'],
    });

    expect(roundTrips).toBe(2);
    expect(await status()).toBe('T');
    await client.query('ROLLBACK');
    expect(await notes()).toEqual([]);
  });

  it('should leave the transaction failed, and nothing written, when the statement errs', async () => {
    await client.query('INSERT INTO probe VALUES (1, $1)', ['taken']);
    beginWithFirstQuery(client as never, 'BEGIN');

    await expect(
      client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'duplicate']),
    ).rejects.toThrow(/duplicate key/);

    expect(await status()).toBe('E');
    await client.query('ROLLBACK');
    expect(await notes()).toEqual(['taken']);
  });

  it('should skip the statement when BEGIN itself fails', async () => {
    beginWithFirstQuery(client as never, 'BEGIN ISOLATION LEVEL NONSENSE');

    await expect(client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'outside'])).rejects.toThrow(
      /syntax error/,
    );

    expect(await status()).toBe('I');
    expect(await notes()).toEqual([]);
  });

  it('should unhook a client that sent nothing, so its next user gets no BEGIN', async () => {
    const begin = beginWithFirstQuery(client as never, 'BEGIN');

    begin.unhook();
    expect(begin.sent).toBe(false);
    await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'autocommitted']);

    expect(await status()).toBe('I');
    expect(await notes()).toEqual(['autocommitted']);
  });

  describe('for a pg Query of ours, as the API sends its statements', () => {
    it('should carry BEGIN in one round trip and answer through the Query', async () => {
      beginWithFirstQuery(client as never, 'BEGIN');

      const inserted = await send(
        client,
        pgQuery('INSERT INTO probe VALUES ($1, $2) RETURNING note', [1, 'ours']),
      );

      expect(inserted.rows).toEqual([{ note: 'ours' }]);
      expect(roundTrips).toBe(1);
      expect(await status()).toBe('T');
      await client.query('ROLLBACK');
    });

    it('should send BEGIN apart, then the Query, for a statement not parsed yet', async () => {
      beginWithFirstQuery(client as never, 'BEGIN');

      const text = 'INSERT INTO probe VALUES ($1, $2) RETURNING id';
      const inserted = await send(client, pgQuery(text, [1, 'fresh'], 'probe_fresh'));

      expect(inserted.rows).toEqual([{ id: 1 }]);
      expect(roundTrips).toBe(2);
      expect(await status()).toBe('T');
      await client.query('ROLLBACK');
      expect(await notes()).toEqual([]);
    });

    it('should fail the Query, and run nothing, when a BEGIN sent apart fails', async () => {
      beginWithFirstQuery(client as never, 'BEGIN ISOLATION LEVEL NONSENSE');

      const text = 'INSERT INTO probe VALUES ($1, $2)';
      await expect(
        send(client, pgQuery(text, [1, 'outside'], 'probe_never_parsed')),
      ).rejects.toThrow(/syntax error/);

      expect(await status()).toBe('I');
      expect(await notes()).toEqual([]);
    });
  });

  it('should carry BEGIN only once', async () => {
    beginWithFirstQuery(client as never, 'BEGIN');

    await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'a']);
    await client.query('INSERT INTO probe VALUES ($1, $2)', [2, 'b']);
    await client.query('COMMIT');

    expect(roundTrips).toBe(3);
    expect(await notes()).toEqual(['a', 'b']);
  });

  describe('COMMIT with the last statement', () => {
    const insertThenCommit = (values: unknown[]) =>
      send(client, new ThenCommitQuery('INSERT INTO probe VALUES ($1, $2) RETURNING id', values));

    it('should send a statement and COMMIT in one round trip', async () => {
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'earlier']);
      roundTrips = 0;

      const inserted = await insertThenCommit([2, 'last']);

      expect(inserted.rows).toEqual([{ id: 2 }]);
      expect(inserted.command).toBe('INSERT');
      expect(roundTrips).toBe(1);
      expect(await status()).toBe('I');
      expect(await notes()).toEqual(['earlier', 'last']);
    });

    it('should not commit when the statement fails', async () => {
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'earlier']);
      const carrier = new ThenCommitQuery('INSERT INTO probe VALUES ($1, $2)', [1, 'duplicate']);

      await expect(send(client, carrier)).rejects.toThrow(/duplicate key/);

      expect(carrier.statementDone).toBe(false);
      expect(await status()).toBe('E');
      await client.query('ROLLBACK');
      expect(await notes()).toEqual([]);
    });

    it('should not commit when pg cannot even bind the statement', async () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'earlier']);

      await expect(insertThenCommit([2, circular])).rejects.toThrow(/circular/i);

      expect(await status()).toBe('T');
      await client.query('ROLLBACK');
      expect(await notes()).toEqual([]);
    });

    it("should tell COMMIT's own failure from the statement's", async () => {
      await client.query(
        'CREATE TABLE probe_child (parent integer REFERENCES probe DEFERRABLE INITIALLY DEFERRED)',
      );
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO probe_child VALUES ($1)', [41]);
        const carrier = new ThenCommitQuery('INSERT INTO probe VALUES ($1, $2)', [1, 'kept?']);

        await expect(send(client, carrier)).rejects.toThrow(/foreign key/);

        expect(carrier.statementDone).toBe(true);
        await client.query('ROLLBACK');
        expect(await notes()).toEqual([]);
      } finally {
        await client.query('DROP TABLE probe_child');
      }
    });
  });
});
