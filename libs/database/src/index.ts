export { buildDataSourceOptions, describeDatabaseUrl } from './data-source-options';
export type { DatabaseSettings } from './data-source-options';
export { DatabaseModule } from './database.module';
export { EmbeddedPostgres } from './embedded-postgres';
export { isMutatingMethod } from './mutating-method';
export { TransactionRunner } from './transaction-runner';
export { EntityStore } from './entity-store';
export type { VersionedEntity } from './entity-store';
export { VersionedEntityBase } from './versioned-entity.base';
