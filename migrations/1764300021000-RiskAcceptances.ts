import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk acceptances. A risk has at most one that is requested or approved: the partial unique
 * index makes that hold even when two requests race past the service's own check (the loser
 * gets the unique violation, answered 409).
 */
export class RiskAcceptances1764300021000 implements MigrationInterface {
  name = 'RiskAcceptances1764300021000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE risk_acceptance_status AS ENUM
        ('requested', 'approved', 'rejected', 'revoked', 'expired')`);
    // Acceptances are part of the risk's record and go with it (the audit trail keeps them).
    await queryRunner.query(`
      CREATE TABLE risk_acceptances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
        status risk_acceptance_status NOT NULL,
        justification text NOT NULL,
        expires_at timestamptz NOT NULL,
        requested_by_id uuid NOT NULL REFERENCES users (id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by_id uuid REFERENCES users (id),
        decided_at timestamptz,
        decision_comment text,
        revoked_by_id uuid REFERENCES users (id),
        revoked_at timestamptz,
        revoke_comment text,
        inherent_score_at_request smallint NOT NULL,
        residual_score_at_request smallint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX risk_acceptances_one_open_per_risk ON risk_acceptances (risk_id)
        WHERE status IN ('requested', 'approved')`);
    await queryRunner.query(
      'CREATE INDEX risk_acceptances_risk_idx ON risk_acceptances (risk_id, requested_at DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX risk_acceptances_requested_at_idx ON risk_acceptances (requested_at DESC, id)',
    );
    // What the expiry claims: approved ones, soonest expiry first.
    await queryRunner.query(`
      CREATE INDEX risk_acceptances_expiry_idx ON risk_acceptances (expires_at, id)
        WHERE status = 'approved'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE risk_acceptances');
    await queryRunner.query('DROP TYPE risk_acceptance_status');
  }
}
