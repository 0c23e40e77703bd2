import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { SqlReader } from './sql-reader';

type Row = Record<string, unknown>;

/**
 * Column types whose value `pg` already hands over as TypeORM would (strings, numbers, Dates,
 * booleans, parsed jsonb, arrays of those): PostgresDriver.prepareHydratedValue leaves them
 * as they are, so hot reads skip it. Any other type, and any transformer, still goes through it.
 */
const AS_READ = new Set<unknown>([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'char',
  'smallint',
  'integer',
  'timestamptz',
  'timestamp with time zone',
  'jsonb',
  'boolean',
]);

/**
 * An entity's columns as plain SQL, built once from its TypeORM metadata. Selected under their
 * property names, rows are entities already but for a few per-column conversions: no query
 * builder or hydrator, which are generic and cost more CPU than the database does for a
 * primary-key read or a page of a list.
 */
export class EntityRows<E extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  /** Columns whose pg value TypeORM would change on the way to the entity. */
  private readonly converted: ColumnMetadata[];
  /** `"owner_id" AS "ownerId", ...` for RETURNING and single-table reads. */
  readonly selectList: string;
  /** Quoted, for SQL text. */
  readonly table: string;
  readonly tableName: string;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<E>,
  ) {
    const metadata = dataSource.getMetadata(target);
    this.columns = metadata.columns.filter((column) => column.isSelect);
    this.converted = this.columns.filter(
      (column) => column.transformer !== undefined || !AS_READ.has(column.type),
    );
    this.tableName = metadata.tableName;
    this.table = `"${metadata.tableName}"`;
    this.selectList = this.selectListFor();
  }

  /** The select list with every column qualified by a query builder's alias. */
  selectListFor(alias?: string): string {
    const prefix = alias ? `"${alias}".` : '';
    return this.columns
      .map((column) => `${prefix}"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
  }

  /** The entities `SELECT <every column> FROM <table> "alias"<tail>` reads, as plain rows. */
  async select(runner: SqlReader, alias: string, tail: string, params: unknown[]): Promise<E[]> {
    const rows = await runner.query<Row[]>(
      `SELECT ${this.selectListFor(alias)} FROM ${this.table} "${alias}"${tail}`,
      params,
    );
    return rows.map((row) => this.hydrate(row));
  }

  /** The row itself, with the few columns TypeORM converts (transformers, enums...) converted. */
  hydrate(row: Row): E {
    for (const column of this.converted) {
      row[column.propertyName] = this.dataSource.driver.prepareHydratedValue(
        row[column.propertyName],
        column,
      );
    }
    return row as E;
  }
}
