export { buildDataSourceOptions, describeDatabaseUrl } from './data-source-options';
export type { DatabaseSettings } from './data-source-options';
export { registerRequestContext } from './request-context';
export { DatabaseModule } from './database.module';
export { EmbeddedPostgres } from './embedded-postgres';
export { DataDirLockedError } from './data-dir-lock';
export { claimEmbeddedDataDirOrExit, embeddedDataDir } from './embedded-data-dir';
export { isMutatingMethod } from './mutating-method';
export { TransactionRunner } from './transaction-runner';
export { RepositoryContext } from './repository-context';
export { EntityRows } from './entity-rows';
export { PreparedStatement } from './prepared-statement';
export { queryPrepared } from './prepared-query';
export { VersionedRepository } from './versioned.repository';
export type {
  EntityPage,
  Listing,
  ListOrder,
  PageRequest,
  VersionedEntity,
} from './versioned.repository';
export { VersionedEntityBase } from './versioned-entity.base';
export { Snapshot, SnapshotReader } from './snapshot-reader';
export { SnapshotExporter } from './snapshot-export';
export type { ExportOutcome, ExportPlan, ExportQuery } from './snapshot-export';
export { ExportTimeoutError } from './snapshot-export';
export { TableStampCache } from './table-stamp-cache';
export { exportColumns, exportFields, field } from './export/export-fields';
export type { ExportField, ExportFieldKind, ExportFields } from './export/export-fields';
export { exportLineWriter, exportValuesSql } from './export/export-line';
export { selectValues } from './export/select-values';
export { copyTextRowBatches } from './copy/copy-text-rows';
export type { CopyTextField } from './copy/copy-text-rows';
