import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** A statement and its bound values. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * An entity's INSERT and UPDATE as plain SQL from its TypeORM metadata, with the same rules and
 * value conversions as TypeORM's query builders (version 1 on insert, version + 1 and
 * updated_at on update, database defaults for what is left out) but none of their per-call
 * SQL generation, which was 6% of a create's CPU. Both return the stored row.
 */
export class EntityWrites<E extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly table: string;
  private readonly columnsByProperty: Map<string, ColumnMetadata>;
  /** What every UPDATE also sets: the version bump and the update date. */
  private readonly bookkeeping: string[];

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<E>,
    /** What the statements return, e.g. EntityRows.selectList. */
    private readonly returning: string,
  ) {
    this.metadata = dataSource.getMetadata(target);
    this.table = `"${this.metadata.tableName}"`;
    this.columnsByProperty = new Map(
      this.metadata.columns.map((column) => [column.propertyName, column]),
    );
    this.bookkeeping = this.metadata.columns.flatMap((column) => {
      const name = `"${column.databaseName}"`;
      if (column.isVersion) return [`${name} = ${name} + 1`];
      if (column.isUpdateDate) return [`${name} = CURRENT_TIMESTAMP`];
      return [];
    });
  }

  /** Inserts the values that are defined; omitted columns take their database default. */
  insert(values: Partial<E>): Statement {
    for (const property of Object.keys(values)) this.writableColumn(property, 'isInsert');
    const columns: string[] = [];
    const expressions: string[] = [];
    const params: unknown[] = [];
    for (const column of this.metadata.columns) {
      const value: unknown = values[column.propertyName];
      if (value !== undefined) {
        params.push(this.toDatabase(value, column));
        expressions.push(`$${params.length}`);
      } else if (column.isVersion) {
        expressions.push('1');
      } else {
        continue;
      }
      columns.push(`"${column.databaseName}"`);
    }
    return {
      sql: `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${expressions.join(', ')}) RETURNING ${this.returning}`,
      params,
    };
  }

  /** Sets the given fields of one row, bumps its version and stamps its update date. */
  update(id: string, changes: Partial<E>): Statement {
    const assignments: string[] = [];
    const params: unknown[] = [];
    for (const [property, value] of Object.entries(changes)) {
      const column = this.writableColumn(property, 'isUpdate');
      params.push(this.toDatabase(value, column));
      assignments.push(`"${column.databaseName}" = $${params.length}`);
    }
    params.push(id);
    return {
      sql: `UPDATE ${this.table} SET ${[...assignments, ...this.bookkeeping].join(', ')} WHERE "id" = $${params.length} RETURNING ${this.returning}`,
      params,
    };
  }

  /** A property that is not a writable column is a programming error, never silently dropped. */
  private writableColumn(property: string, writable: 'isInsert' | 'isUpdate'): ColumnMetadata {
    const column = this.columnsByProperty.get(property);
    if (!column?.[writable]) {
      throw new Error(`${property} is not a writable column of ${this.table}`);
    }
    return column;
  }

  /** TypeORM's own conversion: transformers, JSON columns, dates. */
  private toDatabase(value: unknown, column: ColumnMetadata): unknown {
    return this.dataSource.driver.preparePersistentValue(value, column);
  }
}
