import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose lists the API caches (Listing.cached). Not evidence: its items say whether
 * they have expired, which changes with the clock, not with a write.
 */
const STAMPED_TABLES = ['risks', 'controls', 'tasks'];

/**
 * A change stamp per table, bumped by every transaction that writes the table, however it
 * writes it (the API, a script, psql). A cached list page is valid while its table's stamp is
 * the one read before the page was: the stamp moves in the same commit as the rows, so a
 * reader who sees the old stamp cannot see newer rows either.
 *
 * The bump is a deferred constraint trigger, so it runs inside COMMIT once per table and
 * transaction (a transaction-local setting remembers it), under the audit chain's lock: every
 * audited write takes that lock at commit anyway, and taking it first means two writers never
 * wait on each other's stamp rows in opposite orders.
 */
export class ChangeStamps1764300015000 implements MigrationInterface {
  name = 'ChangeStamps1764300015000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Room on each page for HOT updates: the row is rewritten by every writing transaction.
    await queryRunner.query(`
      CREATE TABLE change_stamps (
        table_name text PRIMARY KEY,
        stamp bigint NOT NULL DEFAULT 0
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(
      `INSERT INTO change_stamps (table_name) SELECT unnest($1::text[])`,
      [STAMPED_TABLES],
    );
    await queryRunner.query(`
      CREATE FUNCTION change_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF current_setting('rct_stamped.' || TG_TABLE_NAME, true) = 'y' THEN
          RETURN NULL;
        END IF;
        PERFORM set_config('rct_stamped.' || TG_TABLE_NAME, 'y', true);
        PERFORM pg_advisory_xact_lock(7310001);
        UPDATE change_stamps SET stamp = stamp + 1 WHERE table_name = TG_TABLE_NAME;
        RETURN NULL;
      END
      $fn$`);
    for (const table of STAMPED_TABLES) {
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER ${table}_change_stamp AFTER INSERT OR UPDATE OR DELETE ON ${table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_stamp_bump()`);
      // TRUNCATE fires no row trigger; the statement's own lock outlasts the bump anyway.
      await queryRunner.query(`
        CREATE TRIGGER ${table}_change_stamp_truncate AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION change_stamp_bump()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of STAMPED_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_change_stamp_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_change_stamp ON ${table}`);
    }
    await queryRunner.query('DROP FUNCTION change_stamp_bump');
    await queryRunner.query('DROP TABLE change_stamps');
  }
}
