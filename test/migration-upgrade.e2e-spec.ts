import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, MigrationInterface } from 'typeorm';
import { buildDataSourceOptions } from '../libs/database/src/data-source-options';
import { adminQuery, serverUrl, withDatabase } from './support/test-database';

/**
 * Every test database starts empty, so a migration that breaks on a table holding rows would
 * pass them all. This one upgrades a database that was in use: the migrations of the last
 * release, rows written, then every later migration over them.
 */
const LAST_RELEASED = 1764300016000; // AuditCheckpoints

const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');

type MigrationClass = new () => MigrationInterface;

function migrationsUpTo(last: number): MigrationClass[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.ts') && Number(file.split('-')[0]) <= last)
    .sort()
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(join(MIGRATIONS_DIR, file)) as Record<string, MigrationClass>;
      return Object.values(loaded)[0];
    });
}

async function migrate(url: string, migrations: MigrationClass[]): Promise<void> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url, poolSize: 1, runMigrations: false }),
    migrations,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

const withServer = serverUrl() ? describe : describe.skip;

withServer('upgrading a database that holds data', () => {
  const base = serverUrl() as string;
  const name = `rct_upgrade_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(base, name);
  let db: DataSource;

  beforeAll(async () => {
    await adminQuery(base, `CREATE DATABASE ${name}`);
    await migrate(url, migrationsUpTo(LAST_RELEASED));
    db = new DataSource({ type: 'postgres', url });
    await db.initialize();
    // Written in one transaction, as the app writes: the deferred triggers fire at its commit.
    await db.transaction(async (manager) => {
      const [owner] = await manager.query(
        `INSERT INTO users (email, full_name, role, password_hash)
         VALUES ('owner@example.com', 'Owner', 'manager', 'x') RETURNING id`,
      );
      for (const [title, likelihood, impact] of [
        ['Critical one', 5, 5],
        ['Medium one', 2, 3],
        ['Low one', 1, 2],
      ]) {
        await manager.query(
          `INSERT INTO risks (title, category, owner_id, likelihood, impact)
           VALUES ($1, 'Upgrade', $2, $3, $4)`,
          [title, owner.id, likelihood, impact],
        );
      }
    });
    await db.destroy();
    await migrate(url, migrationsUpTo(Number.MAX_SAFE_INTEGER));
    db = new DataSource({ type: 'postgres', url });
    await db.initialize();
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    await adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('should apply every later migration and keep the rows', async () => {
    const [{ risks }] = await db.query(
      `SELECT count(*)::int AS risks FROM risks WHERE category = 'Upgrade'`,
    );
    expect(risks).toBe(3);
    const [{ applied }] = await db.query('SELECT count(*)::int AS applied FROM migrations');
    expect(applied).toBe(migrationsUpTo(Number.MAX_SAFE_INTEGER).length);
  });

  it('should backfill the review cadence of existing risks from their severity', async () => {
    const rows = await db.query(
      `SELECT title, review_interval_days AS "interval",
         next_review_at = created_at + make_interval(days => review_interval_days) AS "fromCreation"
       FROM risks ORDER BY title`,
    );
    expect(rows).toEqual([
      { title: 'Critical one', interval: 90, fromCreation: true },
      { title: 'Low one', interval: 365, fromCreation: true },
      { title: 'Medium one', interval: 180, fromCreation: true },
    ]);
  });

  it('should make existing users human accounts', async () => {
    const [{ kind }] = await db.query(`SELECT kind FROM users WHERE email = 'owner@example.com'`);
    expect(kind).toBe('human');
  });
});
