import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users have a kind: `human` (every existing user) or `service`. A service account has no
 * password and works only through API keys; a human always has one.
 */
export class ServiceAccounts1764300040000 implements MigrationInterface {
  name = 'ServiceAccounts1764300040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE user_kind AS ENUM ('human', 'service')`);
    await queryRunner.query(`ALTER TABLE users ADD COLUMN kind user_kind NOT NULL DEFAULT 'human'`);
    await queryRunner.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE users ADD CONSTRAINT users_password_by_kind
        CHECK ((kind = 'human') = (password_hash IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM users WHERE kind = 'service'`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_password_by_kind`);
    await queryRunner.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN kind`);
    await queryRunner.query(`DROP TYPE user_kind`);
  }
}
