import { join } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  runMigrations: boolean;
  /** Whether PreparedStatements are prepared per connection (else sent as plain text). */
  preparedStatements?: boolean;
}

/** Pool options pg ignores, read back by the SQL readers. */
interface ReaderOptions {
  preparedStatements?: boolean;
}

/** Where compiled or source migrations live, relative to this file in both layouts. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

/**
 * The single definition of how we connect, shared by the app and the migration CLI so the two
 * can never drift. `synchronize` is off for good: the schema changes only through migrations.
 */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: settings.runMigrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    migrations: [MIGRATIONS_GLOB],
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'risk-compliance-tracker',
      preparedStatements: settings.preparedStatements ?? false,
    } satisfies ReaderOptions & Record<string, unknown>,
  };
}

/** Whether the data source's SQL readers prepare their fixed statements. */
export function preparesStatements(dataSource: DataSource): boolean {
  return (dataSource.options.extra as ReaderOptions | undefined)?.preparedStatements === true;
}

/** `postgresql://user@host:port/db` without the password, for log lines. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `postgresql://${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparseable DATABASE_URL';
  }
}
