import { adminQuery, serverUrl, templateDatabaseName } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const base = serverUrl();
  if (!base) return;
  await adminQuery(base, `DROP DATABASE IF EXISTS ${templateDatabaseName(base)} WITH (FORCE)`);
}
