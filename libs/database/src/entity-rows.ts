import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

type Row = Record<string, unknown>;
type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Column types whose value pg already hands over as TypeORM would (strings, numbers, Dates,
 * booleans, parsed jsonb): the driver's prepareHydratedValue leaves them as they are.
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
 * An entity's columns selected under their property names, for the few statements a
 * repository writes by hand (prepared reads, RETURNING): their rows become entities through
 * the driver's own per-column conversion, from the entity's public metadata.
 */
export class EntityRows<E extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  /** Columns whose pg value TypeORM would change on the way to the entity. */
  private readonly converted: ColumnMetadata[];
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
  }

  /** `"owner_id" AS "ownerId", ...`, each column qualified by `alias` if given. */
  selectList(alias?: string): string {
    const prefix = alias ? `"${alias}".` : '';
    return this.columns
      .map((column) => `${prefix}"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
  }

  /** The row as an entity: the columns TypeORM converts (enums, transformers...) converted. */
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
