import { validateEnvironment } from '@rct/config';
import { config as loadDotenv } from 'dotenv';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { claimEmbeddedDataDirOrExit, embeddedDataDir } from './embedded-data-dir';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * Data source for the TypeORM CLI (`npm run migration:*`). Same options as the app; with no
 * DATABASE_URL it opens the embedded database, which must not be in use by a running server.
 */
async function createCliDataSource(): Promise<DataSource> {
  loadDotenv({ quiet: true });
  const env = validateEnvironment(process.env);
  claimEmbeddedDataDirOrExit(env);
  let url = env.DATABASE_URL;
  if (!url) {
    const embedded = await EmbeddedPostgres.start(embeddedDataDir(env), 4);
    url = embedded.url;
    process.once('beforeExit', () => void embedded.stop());
  }
  return new DataSource({
    ...buildDataSourceOptions({ url, poolSize: 2, runMigrations: false }),
    entities: [resolve(__dirname, '..', '..', '*', 'src', '**', '*.entity.{ts,js}')],
  });
}

export const cliDataSource = createCliDataSource();
