import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where one e2e file's data lives: a database of its own on the server named by DATABASE_URL
 * (cloned from a template that has every migration applied), else an embedded PostgreSQL in a
 * temporary folder of its own.
 */
export interface TestDatabase {
  /** Environment that points the app at this database. */
  env: Record<string, string>;
  url?: string;
  drop(): Promise<void>;
}

export const serverUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

/**
 * Global setup names a template per run (RCT_TEMPLATE_DB, inherited by the test workers), so
 * two runs against one server never drop each other's template.
 */
export function templateDatabaseName(url: string): string {
  return process.env.RCT_TEMPLATE_DB ?? `${new URL(url).pathname.slice(1)}_template`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createServerDatabase(base: string): Promise<TestDatabase> {
  const name = `rct_e2e_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName(base)}`);
  const url = withDatabase(base, name);
  return {
    env: { DATABASE_URL: url },
    url,
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'rct-e2e-'));
  return {
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

export function createTestDatabase(): Promise<TestDatabase> {
  const base = serverUrl();
  return base ? createServerDatabase(base) : createEmbeddedDatabase();
}
