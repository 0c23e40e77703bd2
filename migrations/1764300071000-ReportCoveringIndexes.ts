import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Narrow indexes holding every column the register summary and the heat map count, so that
 * PostgreSQL answers them by index-only scans (a few hundred pages per table) instead of
 * reading whole rows (descriptions, stored tsvectors): the heaps of risks, controls and tasks
 * do not fit in shared buffers together, the indexes do. Costs one more index entry per write
 * on each table (two on controls when the control is implemented).
 */
export class ReportCoveringIndexes1764300071000 implements MigrationInterface {
  name = 'ReportCoveringIndexes1764300071000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Summary's risk block (grouped by the key columns, `id` for the implemented-control
    // check) and the heat map's two grids; `status` first for the heat map's status filter.
    await queryRunner.query(`
      CREATE INDEX risks_report_idx ON risks (status, severity, residual_severity, next_review_at)
        INCLUDE (id, likelihood, impact, residual_likelihood, residual_impact)`);
    // The risks that have an implemented control (withoutImplementedControl).
    await queryRunner.query(`
      CREATE INDEX controls_implemented_risk_idx ON controls (risk_id)
        WHERE implementation_status = 'implemented'`);
    await queryRunner.query(`
      CREATE INDEX controls_report_idx ON controls
        (implementation_status, effectiveness, next_test_due_at)`);
    await queryRunner.query('CREATE INDEX tasks_report_idx ON tasks (status, priority, due_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tasks_report_idx');
    await queryRunner.query('DROP INDEX controls_report_idx');
    await queryRunner.query('DROP INDEX controls_implemented_risk_idx');
    await queryRunner.query('DROP INDEX risks_report_idx');
  }
}
