import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTasks1764300005000 implements MigrationInterface {
  name = 'CreateTasks1764300005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE task_status AS ENUM ('open', 'in_progress', 'blocked', 'done', 'cancelled')`,
    );
    // Declared in rising order, so sorting by the column sorts by urgency.
    await queryRunner.query(
      `CREATE TYPE task_priority AS ENUM ('low', 'medium', 'high', 'urgent')`,
    );
    await queryRunner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        assignee_id uuid REFERENCES users (id) ON DELETE RESTRICT,
        due_at timestamptz,
        status task_status NOT NULL DEFAULT 'open',
        priority task_priority NOT NULL DEFAULT 'medium',
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', title || ' ' || description)
        ) STORED,
        CONSTRAINT tasks_completed_at_status
          CHECK ((completed_at IS NOT NULL) = (status IN ('done', 'cancelled')))
      )`);
    for (const [name, definition] of [
      ['risk', '(risk_id)'],
      ['assignee', '(assignee_id)'],
      ['status', '(status)'],
      ['priority', '(priority)'],
      ['due_at', '(due_at)'],
      ['created_at', '(created_at)'],
      ['updated_at', '(updated_at)'],
      ['title', '(title)'],
    ]) {
      await queryRunner.query(`CREATE INDEX tasks_${name}_idx ON tasks ${definition}`);
    }
    // Serves `overdue=true`: only the tasks still to be done, by due date.
    await queryRunner.query(
      `CREATE INDEX tasks_overdue_idx ON tasks (due_at) WHERE status NOT IN ('done', 'cancelled')`,
    );
    await queryRunner.query(`CREATE INDEX tasks_search_idx ON tasks USING gin (search)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP TYPE task_priority`);
    await queryRunner.query(`DROP TYPE task_status`);
  }
}
