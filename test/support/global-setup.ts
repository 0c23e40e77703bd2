import { buildDataSourceOptions } from '../../libs/database/src/data-source-options';
import { DataSource } from 'typeorm';
import { adminQuery, serverUrl, templateDatabaseName, withDatabase } from './test-database';

/**
 * With DATABASE_URL set, builds a template database with every migration applied once; each
 * e2e file then clones it, which costs milliseconds instead of a migration run per file.
 */
export default async function globalSetup(): Promise<void> {
  const base = serverUrl();
  if (!base) return;
  process.env.RCT_TEMPLATE_DB = `rct_template_${process.pid}_${Date.now().toString(36)}`;
  const template = templateDatabaseName(base);
  await adminQuery(base, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await adminQuery(base, `CREATE DATABASE ${template}`);
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: withDatabase(base, template),
      poolSize: 1,
      runMigrations: false,
    }),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
