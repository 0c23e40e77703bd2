import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports are now written in Node from each field's value (libs/database/src/export): the CSV
 * cell and compact-JSON functions of ExportRendering have no caller left. iso_millis stays:
 * timestamps still come as toISOString writes them.
 */
export class ExportWrittenInNode1764300080000 implements MigrationInterface {
  name = 'ExportWrittenInNode1764300080000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION json_compact(text)');
    await queryRunner.query('DROP FUNCTION csv_cell(text)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION csv_cell(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN value ~ '[",\\r\\n]'
          THEN '"' || CASE WHEN value ~ '^[=+\\-@\\t\\r]' THEN '''' ELSE '' END
            || replace(value, '"', '""') || '"'
          ELSE CASE WHEN value ~ '^[=+\\-@\\t\\r]' THEN '''' ELSE '' END || coalesce(value, '')
        END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION json_compact(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(value, '("(?:[^"\\\\]|\\\\.)*")|\\s+', '\\1', 'g')
      $$`);
  }
}
