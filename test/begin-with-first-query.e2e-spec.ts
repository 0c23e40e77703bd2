import { Client } from 'pg';
import { beginWithFirstQuery } from '../libs/database/src/begin-with-first-query';
import { EmbeddedPostgres } from '@rct/database';
import { createServerDatabase, serverUrl, TestDatabase } from './support/test-database';

/**
 * BEGIN carried by a transaction's first statement, on a real PostgreSQL: one round trip for
 * both (each round trip ends in one ReadyForQuery), and the statement inside the transaction.
 */
describe('BEGIN with the first statement', () => {
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

  /** Round trips and transaction status ('I' idle, 'T' in a transaction, 'E' failed one). */
  const status = () =>
    (client as unknown as { getTransactionStatus(): string }).getTransactionStatus();
  const notes = async () =>
    (await client.query<{ note: string }>('SELECT note FROM probe ORDER BY id')).rows.map(
      (row) => row.note,
    );

  it('should send BEGIN and a parameterised statement in one round trip', async () => {
    const begun = beginWithFirstQuery(client as never, 'BEGIN');

    const inserted = await client.query('INSERT INTO probe VALUES ($1, $2) RETURNING note', [
      1,
      'first',
    ]);

    expect(inserted.rows).toEqual([{ note: 'first' }]);
    expect(inserted.command).toBe('INSERT');
    expect(roundTrips).toBe(1);
    expect(status()).toBe('T');
    expect(begun()).toBe(true);
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
    expect(status()).toBe('T');
    await client.query('ROLLBACK');
    expect(await notes()).toEqual([]);
  });

  it('should leave the transaction failed, and nothing written, when the statement errs', async () => {
    await client.query('INSERT INTO probe VALUES (1, $1)', ['taken']);
    beginWithFirstQuery(client as never, 'BEGIN');

    await expect(
      client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'duplicate']),
    ).rejects.toThrow(/duplicate key/);

    expect(status()).toBe('E');
    await client.query('ROLLBACK');
    expect(await notes()).toEqual(['taken']);
  });

  it('should skip the statement when BEGIN itself fails', async () => {
    beginWithFirstQuery(client as never, 'BEGIN ISOLATION LEVEL NONSENSE');

    await expect(client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'outside'])).rejects.toThrow(
      /syntax error/,
    );

    expect(status()).toBe('I');
    expect(await notes()).toEqual([]);
  });

  it('should unhook a client that sent nothing, so its next user gets no BEGIN', async () => {
    const begun = beginWithFirstQuery(client as never, 'BEGIN');

    expect(begun()).toBe(false);
    await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'autocommitted']);

    expect(status()).toBe('I');
    expect(await notes()).toEqual(['autocommitted']);
  });

  it('should carry BEGIN only once', async () => {
    beginWithFirstQuery(client as never, 'BEGIN');

    await client.query('INSERT INTO probe VALUES ($1, $2)', [1, 'a']);
    await client.query('INSERT INTO probe VALUES ($1, $2)', [2, 'b']);
    await client.query('COMMIT');

    expect(roundTrips).toBe(3);
    expect(await notes()).toEqual(['a', 'b']);
  });
});
