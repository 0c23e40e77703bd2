import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ControlEffectiveness, ControlImplementationStatus } from '@rct/control';
import { RiskSeverity, RiskStatus } from '@rct/risk';
import { TaskPriority } from '@rct/task';
import { HeatmapBasis } from './enums/heatmap-basis.enum';

/** The risks a report covers (undefined means "not sent"). */
export interface RiskScope {
  ownerId?: string;
  category?: string;
  status?: RiskStatus;
}

export interface SummaryRow {
  asOf: Date;
  risks: Record<string, unknown>;
  acceptances: Record<string, unknown>;
  controls: Record<string, unknown>;
  evidence: Record<string, unknown>;
  tasks: Record<string, unknown>;
}

export interface HeatmapCellRow {
  likelihood: number;
  impact: number;
  score: number;
  severity: RiskSeverity;
  count: number;
}

export interface OwnerRow {
  ownerId: string;
  fullName: string;
  risks: number;
  criticalOrHigh: number;
  reviewOverdue: number;
  openTasks: number;
  overdueTasks: number;
}

/** Tasks that still need doing: the literal list behind tasks_overdue_idx. */
const OPEN_TASK = `t.status NOT IN ('done', 'cancelled')`;
const LIVE_RISK = `r.status <> 'closed'`;

/**
 * `{"a": count(*) FILTER (WHERE column = 'a'), ...}` for every value of an enum, so each key is
 * present with zero when nothing matches. The values are the enum's own literals.
 */
function countsBy(
  column: string,
  values: readonly string[],
  where = 'TRUE',
  extra: string[] = [],
): string {
  const pairs = values.map(
    (value) => `'${value}', count(*) FILTER (WHERE ${where} AND ${column} = '${value}')`,
  );
  return `json_build_object(${[...pairs, ...extra].join(', ')})`;
}

function dueWithin30Days(column: string): string {
  return `${column} >= now() AND ${column} < now() + interval '30 days'`;
}

/** The risk filters as SQL over alias `r`, with their parameters from `$1` on. */
function scopeWhere(scope: RiskScope): { where: string; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const columns: [keyof RiskScope, string][] = [
    ['ownerId', 'r.owner_id'],
    ['category', 'r.category'],
    ['status', 'r.status'],
  ];
  for (const [field, column] of columns) {
    if (scope[field] === undefined) continue;
    parameters.push(scope[field]);
    conditions.push(`${column} = $${parameters.length}`);
  }
  return { where: conditions.length ? conditions.join(' AND ') : '', parameters };
}

/**
 * One block of the summary per key: a single aggregate over its table, every count of the
 * block at once. `scoped` is true when the risks are narrowed: each block then keeps only the
 * rows belonging to risks in the CTE `scope`.
 */
const SUMMARY_BLOCKS: Record<Exclude<keyof SummaryRow, 'asOf'>, (scoped: boolean) => string> = {
  risks: () => `
    SELECT json_build_object(
      'total', count(*),
      'bySeverity', ${countsBy('r.severity', Object.values(RiskSeverity))},
      'byResidualSeverity', ${countsBy('r.residual_severity', Object.values(RiskSeverity), 'TRUE', [
        `'unassessed', count(*) FILTER (WHERE r.residual_severity IS NULL)`,
      ])},
      'byStatus', ${countsBy('r.status', Object.values(RiskStatus))},
      'reviewOverdue', count(*) FILTER (WHERE ${LIVE_RISK} AND r.next_review_at < now()),
      'reviewDueIn30Days', count(*) FILTER (WHERE ${LIVE_RISK} AND ${dueWithin30Days('r.next_review_at')}),
      'withoutImplementedControl', count(*) FILTER (WHERE ${LIVE_RISK} AND implemented.risk_id IS NULL)
    )
    FROM scope r
    LEFT JOIN (
      SELECT DISTINCT risk_id FROM controls WHERE implementation_status = 'implemented'
    ) implemented ON implemented.risk_id = r.id`,
  acceptances: (scoped) => `
    SELECT json_build_object(
      'requested', count(*) FILTER (WHERE a.status = 'requested'),
      'approved', count(*) FILTER (WHERE a.status = 'approved'),
      'expiringIn30Days', count(*) FILTER (
        WHERE a.status = 'approved' AND ${dueWithin30Days('a.expires_at')}
      )
    )
    FROM risk_acceptances a ${scoped ? 'WHERE a.risk_id IN (SELECT id FROM scope)' : ''}`,
  controls: (scoped) => `
    SELECT json_build_object(
      'total', count(*),
      'byImplementationStatus', ${countsBy('c.implementation_status', Object.values(ControlImplementationStatus))},
      'byEffectiveness', ${countsBy('c.effectiveness', Object.values(ControlEffectiveness))},
      'testOverdue', count(*) FILTER (
        WHERE c.implementation_status NOT IN ('retired', 'not_applicable') AND c.next_test_due_at < now()
      )
    )
    FROM controls c ${scoped ? 'WHERE c.risk_id IN (SELECT id FROM scope)' : ''}`,
  evidence: (scoped) => `
    SELECT json_build_object(
      'total', count(*),
      'pendingReview', count(*) FILTER (WHERE e.review_status = 'pending_review'),
      'approved', count(*) FILTER (WHERE e.review_status = 'approved'),
      'rejected', count(*) FILTER (WHERE e.review_status = 'rejected'),
      'expired', count(*) FILTER (WHERE e.valid_until < now()),
      'expiringIn30Days', count(*) FILTER (WHERE ${dueWithin30Days('e.valid_until')})
    )
    FROM evidence e
    ${scoped ? 'JOIN controls c ON c.id = e.control_id WHERE c.risk_id IN (SELECT id FROM scope)' : ''}`,
  tasks: (scoped) => `
    SELECT json_build_object(
      'total', count(*),
      'open', count(*) FILTER (WHERE ${OPEN_TASK}),
      'overdue', count(*) FILTER (WHERE ${OPEN_TASK} AND t.due_at < now()),
      'overdueByPriority', ${countsBy('t.priority', Object.values(TaskPriority), `${OPEN_TASK} AND t.due_at < now()`)}
    )
    FROM tasks t ${scoped ? 'WHERE t.risk_id IN (SELECT id FROM scope)' : ''}`,
};

function withoutTotal(row: OwnerRow & { total: number }): OwnerRow {
  const { ownerId, fullName, risks, criticalOrHigh, reviewOverdue, openTasks, overdueTasks } = row;
  return { ownerId, fullName, risks, criticalOrHigh, reviewOverdue, openTasks, overdueTasks };
}

/** Per basis, the columns that place a risk (whitelisted: they are written into the SQL). */
const HEATMAP_AXES: Record<HeatmapBasis, { likelihood: string; impact: string }> = {
  [HeatmapBasis.Inherent]: { likelihood: 'r.likelihood', impact: 'r.impact' },
  [HeatmapBasis.Residual]: { likelihood: 'r.residual_likelihood', impact: 'r.residual_impact' },
};

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** The summary in one statement (one snapshot); exported for the benchmark's baseline. */
export function summaryStatement(scope: RiskScope): Statement {
  const { where, parameters } = scopeWhere(scope);
  const blocks = Object.entries(SUMMARY_BLOCKS).map(
    ([name, block]) => `(${block(where !== '')}) AS "${name}"`,
  );
  const sql = `
    WITH scope AS (SELECT r.* FROM risks r ${where ? `WHERE ${where}` : ''})
    SELECT now() AS "asOf", ${blocks.join(',\n')}`;
  return { sql, parameters };
}

/**
 * Always 25 cells: the grid comes from generate_series, the counts are joined onto it.
 * Exported for the benchmark's baseline.
 */
export function heatmapStatement(basis: HeatmapBasis, scope: RiskScope): Statement {
  const { where, parameters } = scopeWhere(scope);
  const axes = HEATMAP_AXES[basis];
  const sql = `
    SELECT l AS likelihood, i AS impact, l * i AS score, risk_severity(l * i) AS severity,
      coalesce(placed.count, 0)::int AS count
    FROM generate_series(1, 5) l
    CROSS JOIN generate_series(1, 5) i
    LEFT JOIN (
      SELECT ${axes.likelihood} AS l, ${axes.impact} AS i, count(*) AS count
      FROM risks r
      WHERE ${axes.likelihood} IS NOT NULL ${where ? `AND ${where}` : ''}
      GROUP BY 1, 2
    ) placed USING (l, i)
    ORDER BY l, i`;
  return { sql, parameters };
}

/**
 * The reports' reads: aggregates computed by PostgreSQL, one statement per report (so each
 * report is consistent within itself), only counts coming back. Hand-written SQL: TypeORM's
 * builder cannot say FILTER clauses, json_build_object or generate_series.
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async summary(scope: RiskScope): Promise<SummaryRow> {
    const { sql, parameters } = summaryStatement(scope);
    const [row] = await this.txHost.tx.query<SummaryRow[]>(sql, parameters);
    return row;
  }

  heatmap(basis: HeatmapBasis, scope: RiskScope): Promise<HeatmapCellRow[]> {
    const { sql, parameters } = heatmapStatement(basis, scope);
    return this.txHost.tx.query<HeatmapCellRow[]>(sql, parameters);
  }

  /** Owners of at least one risk, most overdue first (reviews plus tasks), then by name. */
  async owners(limit: number, offset: number): Promise<{ items: OwnerRow[]; total: number }> {
    const sql = `
      WITH owned AS (
        SELECT r.owner_id,
          count(*)::int AS risks,
          count(*) FILTER (WHERE r.severity IN ('critical', 'high'))::int AS critical_or_high,
          count(*) FILTER (WHERE ${LIVE_RISK} AND r.next_review_at < now())::int AS review_overdue
        FROM risks r GROUP BY r.owner_id
      ), tasked AS (
        SELECT r.owner_id,
          count(*) FILTER (WHERE ${OPEN_TASK})::int AS open_tasks,
          count(*) FILTER (WHERE ${OPEN_TASK} AND t.due_at < now())::int AS overdue_tasks
        FROM tasks t JOIN risks r ON r.id = t.risk_id GROUP BY r.owner_id
      )
      SELECT o.owner_id AS "ownerId", u.full_name AS "fullName", o.risks,
        o.critical_or_high AS "criticalOrHigh", o.review_overdue AS "reviewOverdue",
        coalesce(t.open_tasks, 0) AS "openTasks", coalesce(t.overdue_tasks, 0) AS "overdueTasks",
        count(*) OVER ()::int AS total
      FROM owned o
      JOIN users u ON u.id = o.owner_id
      LEFT JOIN tasked t ON t.owner_id = o.owner_id
      ORDER BY o.review_overdue + coalesce(t.overdue_tasks, 0) DESC, o.review_overdue DESC,
        u.full_name, o.owner_id
      LIMIT $1 OFFSET $2`;
    const rows = await this.txHost.tx.query<(OwnerRow & { total: number })[]>(sql, [limit, offset]);
    const total = rows.length ? rows[0].total : await this.countOwners();
    return { items: rows.map(withoutTotal), total };
  }

  private async countOwners(): Promise<number> {
    const [row] = await this.txHost.tx.query<{ total: number }[]>(
      'SELECT count(DISTINCT owner_id)::int AS total FROM risks',
    );
    return row.total;
  }
}
