import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the tables the register summary counts (risks, controls and tasks have stamps
 * since ChangeStamps): with these the summary can be kept while none of its tables has been
 * written, on any instance. Same deferred bump as the others, once per table and transaction.
 */
const TABLES = ['evidence', 'risk_acceptances'];

export class ReportChangeStamps1764300070000 implements MigrationInterface {
  name = 'ReportChangeStamps1764300070000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO change_stamps (table_name) SELECT unnest($1::text[])`,
      [TABLES],
    );
    for (const table of TABLES) {
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER ${table}_change_stamp AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_stamp_bump()`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_change_stamp_truncate AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION change_stamp_bump()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_change_stamp_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_change_stamp ON ${table}`);
    }
    await queryRunner.query('DELETE FROM change_stamps WHERE table_name = ANY($1)', [TABLES]);
  }
}
