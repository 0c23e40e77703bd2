import type {
  DataSource,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

type Row = Record<string, unknown>;

/**
 * An entity's columns as plain SQL, built once from its TypeORM metadata. Selected under their
 * property names, rows need only TypeORM's per-column value conversion (dates, transformers),
 * not its query builder and hydrator: those are generic and cost more CPU than the database
 * does for a primary-key read or a page of a list.
 */
export class EntityRows<E extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly columns: ColumnMetadata[];
  /** `"owner_id" AS "ownerId", ...` for RETURNING and single-table reads. */
  readonly selectList: string;
  readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<E>,
  ) {
    this.metadata = dataSource.getMetadata(target);
    this.columns = this.metadata.columns.filter((column) => column.isSelect);
    this.table = `"${this.metadata.tableName}"`;
    this.selectList = this.selectListFor();
  }

  /** The select list with every column qualified by a query builder's alias. */
  selectListFor(alias?: string): string {
    const prefix = alias ? `"${alias}".` : '';
    return this.columns
      .map((column) => `${prefix}"${column.databaseName}" AS "${column.propertyName}"`)
      .join(', ');
  }

  /** The entities a query builder's filters, order and limits select, read as plain rows. */
  async many(builder: SelectQueryBuilder<E>): Promise<E[]> {
    const rows = await builder.clone().select(this.selectListFor(builder.alias)).getRawMany<Row>();
    return rows.map((row) => this.hydrate(row));
  }

  hydrate(row: Row): E {
    const entity = this.metadata.create() as Row;
    for (const column of this.columns) {
      entity[column.propertyName] = this.dataSource.driver.prepareHydratedValue(
        row[column.propertyName],
        column,
      );
    }
    return entity as E;
  }
}
