import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review cadence on risks, the reviews themselves, and evidence's collectedAt default.
 *
 * The default interval comes from severity (critical and high 90 days, medium 180, low 365),
 * through the one banding function risk_severity(): a BEFORE INSERT trigger fills
 * review_interval_days and next_review_at (created_at + interval) when the insert leaves them
 * out, so the banding lives in one place. Existing risks are backfilled the same way; a risk
 * that already had a next_review_at keeps it.
 */
export class RiskReviews1764300020000 implements MigrationInterface {
  name = 'RiskReviews1764300020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION risk_default_review_interval(score integer) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE risk_severity(score)
          WHEN 'critical' THEN 90 WHEN 'high' THEN 90 WHEN 'medium' THEN 180 ELSE 365 END
      $$`);
    await queryRunner.query(`
      ALTER TABLE risks
        ADD COLUMN review_interval_days integer,
        ADD COLUMN last_reviewed_at timestamptz`);
    // One pass over the table; the change stamp trigger bumps the stamp (cached lists). It
    // fires at once here: events of a deferred trigger still pending would make the ALTER TABLE
    // below fail on a database that holds risks ("pending trigger events").
    await queryRunner.query('SET CONSTRAINTS risks_change_stamp IMMEDIATE');
    await queryRunner.query(`
      UPDATE risks SET
        review_interval_days = risk_default_review_interval(likelihood * impact),
        next_review_at = coalesce(next_review_at,
          created_at + make_interval(days => risk_default_review_interval(likelihood * impact)))`);
    await queryRunner.query('SET CONSTRAINTS risks_change_stamp DEFERRED');
    await queryRunner.query(`
      ALTER TABLE risks
        ALTER review_interval_days SET NOT NULL,
        ADD CONSTRAINT risks_review_interval_days_range
          CHECK (review_interval_days BETWEEN 1 AND 730)`);
    await queryRunner.query(`
      CREATE FUNCTION risks_review_defaults() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.review_interval_days := coalesce(NEW.review_interval_days,
          risk_default_review_interval(NEW.likelihood * NEW.impact));
        NEW.next_review_at := coalesce(NEW.next_review_at,
          NEW.created_at + make_interval(days => NEW.review_interval_days));
        RETURN NEW;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE TRIGGER risks_review_defaults BEFORE INSERT ON risks
        FOR EACH ROW EXECUTE FUNCTION risks_review_defaults()`);

    await queryRunner.query(
      `CREATE TYPE risk_review_outcome AS ENUM ('no_change', 'reassessed', 'escalated')`,
    );
    // Reviews are the risk's record: they go with it (the audit trail keeps them all).
    await queryRunner.query(`
      CREATE TABLE risk_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES users (id),
        outcome risk_review_outcome NOT NULL,
        notes text NOT NULL DEFAULT '',
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        likelihood smallint NOT NULL,
        impact smallint NOT NULL,
        inherent_score smallint NOT NULL,
        residual_score smallint
      )`);
    await queryRunner.query(
      'CREATE INDEX risk_reviews_risk_idx ON risk_reviews (risk_id, reviewed_at DESC, id)',
    );

    await queryRunner.query('ALTER TABLE evidence ALTER collected_at SET DEFAULT now()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence ALTER collected_at DROP DEFAULT');
    await queryRunner.query('DROP TABLE risk_reviews');
    await queryRunner.query('DROP TYPE risk_review_outcome');
    await queryRunner.query('DROP TRIGGER risks_review_defaults ON risks');
    await queryRunner.query('DROP FUNCTION risks_review_defaults');
    await queryRunner.query(`
      ALTER TABLE risks
        DROP COLUMN review_interval_days,
        DROP COLUMN last_reviewed_at`);
    await queryRunner.query('DROP FUNCTION risk_default_review_interval');
  }
}
