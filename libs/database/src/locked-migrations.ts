import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';

/** The advisory lock every instance of the app takes around its migrations (any fixed key). */
const MIGRATIONS_LOCK_KEY = 7310002;

/**
 * Applies pending migrations while holding a session advisory lock, so instances that start
 * together (replicas, a rolling deploy) take turns: the first applies them, the others then
 * find nothing pending. TypeORM's own migrationsRun takes no lock, and two instances would
 * both run the first migration, one of them failing its start-up on "already exists". The
 * migrations run on the connection that holds the lock: with one pooled connection (the
 * embedded database) a second would never come.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      // As DataSource.runMigrations decides it (ours is set to 'each' in data-source-options).
      executor.transaction = dataSource.options.migrationsTransactionMode ?? 'all';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * The app's data source: connected, and with `migrationsRun` its migrations applied under the
 * lock instead of by TypeORM. A failed migration closes the pool and fails start-up.
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (!options.migrationsRun) return dataSource;
  try {
    await runMigrationsLocked(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
