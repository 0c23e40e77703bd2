import { Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigService } from '@rct/config';
import { requestContextModule } from './request-context';
import { buildDataSourceOptions } from './data-source-options';
import { DatabaseUrlProvider } from './database-url.provider';
import { initializeDataSource } from './locked-migrations';
import { RepositoryContext } from './repository-context';
import { SnapshotExporter } from './snapshot-export';
import { SnapshotReader } from './snapshot-reader';
import { TransactionRunner } from './transaction-runner';

@Module({
  providers: [DatabaseUrlProvider],
  exports: [DatabaseUrlProvider],
})
class DatabaseUrlModule {}

/** Global infrastructure: the data source, the request context and its transactions. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseUrlModule],
      inject: [AppConfigService, DatabaseUrlProvider],
      useFactory: async (config: AppConfigService, urls: DatabaseUrlProvider) => ({
        ...buildDataSourceOptions({
          url: await urls.resolveUrl(),
          // PGlite runs one session: a second pooled connection would only queue behind an
          // open transaction, and could deadlock with it. One connection serialises cleanly.
          poolSize: config.usesEmbeddedDatabase ? 1 : config.get('DATABASE_POOL_SIZE'),
          runMigrations: config.get('MIGRATIONS_RUN'),
          // PGlite's one session outlives a pooled connection (reconnects, migrations), so a
          // name prepared on it would already exist for the next connection's pg client.
          preparedStatements:
            !config.usesEmbeddedDatabase && config.get('DATABASE_PREPARED_STATEMENTS'),
        }),
        autoLoadEntities: true,
        // Start-up fails fast on a bad DATABASE_URL instead of retrying for half a minute.
        retryAttempts: 1,
      }),
      dataSourceFactory: (options) => initializeDataSource(options!),
    }),
    requestContextModule([
      new ClsPluginTransactional({
        imports: [TypeOrmModule],
        adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
      }),
    ]),
  ],
  providers: [TransactionRunner, RepositoryContext, SnapshotReader, SnapshotExporter],
  exports: [TransactionRunner, RepositoryContext, SnapshotReader, SnapshotExporter],
})
export class DatabaseModule {}
