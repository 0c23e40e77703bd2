import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfigService } from '@rct/config';
import type { DataSource } from 'typeorm';
import { describeDatabaseUrl } from './data-source-options';
import { embeddedDataDir } from './embedded-data-dir';
import { EmbeddedPostgres } from './embedded-postgres';

/** Room above the pool for the health probe and the migration runner. */
const EMBEDDED_SPARE_CONNECTIONS = 4;

/**
 * Decides which PostgreSQL the app uses: DATABASE_URL when set, else an embedded one under
 * DATA_DIR/pglite. It owns the embedded server's life, which must end after the pool's.
 */
@Injectable()
export class DatabaseUrlProvider implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private embedded?: EmbeddedPostgres;

  constructor(
    private readonly config: AppConfigService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async resolveUrl(): Promise<string> {
    const url = this.config.get('DATABASE_URL');
    if (url) {
      this.logger.log(`Database: PostgreSQL at ${describeDatabaseUrl(url)}`);
      return url;
    }
    const dataDir = embeddedDataDir({ DATA_DIR: this.config.get('DATA_DIR') });
    const maxConnections = this.config.get('DATABASE_POOL_SIZE') + EMBEDDED_SPARE_CONNECTIONS;
    this.embedded = await EmbeddedPostgres.start(dataDir, maxConnections);
    this.logger.log(`Database: embedded PostgreSQL (PGlite) persisted in ${dataDir}`);
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    // Close the pool first: the embedded server must outlive every client connection.
    const dataSource = this.moduleRef.get<DataSource>(getDataSourceToken(), { strict: false });
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await this.embedded.stop();
    this.embedded = undefined;
  }
}
