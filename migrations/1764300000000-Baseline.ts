import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared database plumbing later tables rely on: a trigger function that bumps `updated_at`.
 */
export class Baseline1764300000000 implements MigrationInterface {
  name = 'Baseline1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END;
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION set_updated_at()`);
  }
}
