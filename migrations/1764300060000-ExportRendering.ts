import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The functions an export's statement renders its rows with, so PostgreSQL hands over each row
 * as its final CSV record or NDJSON line and the API only passes the text on (see
 * libs/database/src/export). Each is one SQL expression, which the planner inlines into the
 * statement: no function call per cell.
 */
export class ExportRendering1764300060000 implements MigrationInterface {
  name = 'ExportRendering1764300060000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // csvCell's rules (libs/common/src/export/csv.ts): null is empty; a cell a spreadsheet would
    // run as a formula gets a leading '; a cell holding a quote, a comma, CR or LF is quoted,
    // its quotes doubled (RFC 4180).
    await queryRunner.query(`
      CREATE FUNCTION csv_cell(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN value ~ '[",\\r\\n]'
          THEN '"' || CASE WHEN value ~ '^[=+\\-@\\t\\r]' THEN '''' ELSE '' END
            || replace(value, '"', '""') || '"'
          ELSE CASE WHEN value ~ '^[=+\\-@\\t\\r]' THEN '''' ELSE '' END || coalesce(value, '')
        END
      $$`);
    // Date.prototype.toISOString: UTC, milliseconds (truncated, as pg's Date parsing does), Z.
    // STABLE as to_char is, so that it still inlines.
    await queryRunner.query(`
      CREATE FUNCTION iso_millis(value timestamptz) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      $$`);
    // JSON.stringify's layout for json/jsonb text: the blanks PostgreSQL writes after ':' and ','
    // removed, strings (matched whole, escapes included) left as they are.
    await queryRunner.query(`
      CREATE FUNCTION json_compact(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(value, '("(?:[^"\\\\]|\\\\.)*")|\\s+', '\\1', 'g')
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION json_compact(text)');
    await queryRunner.query('DROP FUNCTION iso_millis(timestamptz)');
    await queryRunner.query('DROP FUNCTION csv_cell(text)');
  }
}
