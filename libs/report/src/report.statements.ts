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

export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** Tasks that still need doing: the literal list behind tasks_overdue_idx. */
export const OPEN_TASK = `t.status NOT IN ('done', 'cancelled')`;
export const LIVE_RISK = `r.status <> 'closed'`;

/**
 * Each summary block first groups its table by the few low-cardinality values it counts (enum
 * columns, and each clock comparison as a boolean), `n` rows per group; the block's counts are
 * then sums over those groups. So the table's rows pass through one hash aggregate, not
 * through one FILTER per count.
 */
function tally(where = 'TRUE'): string {
  return `coalesce(sum(n) FILTER (WHERE ${where}), 0)::int`;
}

/** `{"a": <rows where column = 'a'>, ...}` for every value of an enum, zeros included. */
function tallyBy(column: string, values: readonly string[], where = 'TRUE', extra: string[] = []) {
  const pairs = values.map(
    (value) => `'${value}', ${tally(`${where} AND ${column} = '${value}'`)}`,
  );
  return `json_build_object(${[...pairs, ...extra].join(', ')})`;
}

function dueWithin30Days(column: string): string {
  return `(${column} >= now() AND ${column} < now() + interval '30 days')`;
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
 * The risks with an implemented control. Uncorrelated (and `risk_id` is never null), so `NOT IN`
 * over it runs as one hashed subplan: a set built once and probed per risk.
 */
const IMPLEMENTED_CONTROL_RISKS = `
  SELECT c.risk_id FROM controls c WHERE c.implementation_status = 'implemented'`;

type SummaryBlock = 'risks' | 'acceptances' | 'controls' | 'evidence' | 'tasks';

/**
 * One block of the summary per key: its table grouped (inner query), then every count of the
 * block summed from the groups (outer query, same alias so the conditions read alike).
 * `scoped` is true when the risks are narrowed: each block then keeps only the rows belonging
 * to risks in the CTE `scope`.
 */
const SUMMARY_BLOCKS: Record<SummaryBlock, (scoped: boolean) => string> = {
  risks: () => `
    SELECT json_build_object(
      'total', ${tally()},
      'bySeverity', ${tallyBy('r.severity', Object.values(RiskSeverity))},
      'byResidualSeverity', ${tallyBy('r.residual_severity', Object.values(RiskSeverity), 'TRUE', [
        `'unassessed', ${tally('r.residual_severity IS NULL')}`,
      ])},
      'byStatus', ${tallyBy('r.status', Object.values(RiskStatus))},
      'reviewOverdue', ${tally('r.review_overdue')},
      'reviewDueIn30Days', ${tally('r.review_due_soon')},
      'withoutImplementedControl', ${tally('r.uncontrolled')}
    )
    FROM (
      SELECT r.severity, r.residual_severity, r.status,
        ${LIVE_RISK} AND r.next_review_at < now() AS review_overdue,
        ${LIVE_RISK} AND ${dueWithin30Days('r.next_review_at')} AS review_due_soon,
        ${LIVE_RISK} AND r.id NOT IN (${IMPLEMENTED_CONTROL_RISKS}) AS uncontrolled,
        count(*) AS n
      FROM scope r
      GROUP BY 1, 2, 3, 4, 5, 6
    ) r`,
  acceptances: (scoped) => `
    SELECT json_build_object(
      'requested', ${tally(`a.status = 'requested'`)},
      'approved', ${tally(`a.status = 'approved'`)},
      'expiringIn30Days', ${tally(`a.status = 'approved' AND a.expiring_soon`)}
    )
    FROM (
      SELECT a.status, ${dueWithin30Days('a.expires_at')} AS expiring_soon, count(*) AS n
      FROM risk_acceptances a
      WHERE a.status IN ('requested', 'approved')
        ${scoped ? 'AND a.risk_id IN (SELECT id FROM scope)' : ''}
      GROUP BY 1, 2
    ) a`,
  controls: (scoped) => `
    SELECT json_build_object(
      'total', ${tally()},
      'byImplementationStatus', ${tallyBy('c.implementation_status', Object.values(ControlImplementationStatus))},
      'byEffectiveness', ${tallyBy('c.effectiveness', Object.values(ControlEffectiveness))},
      'testOverdue', ${tally(`c.implementation_status NOT IN ('retired', 'not_applicable') AND c.test_past_due`)}
    )
    FROM (
      SELECT c.implementation_status, c.effectiveness, c.next_test_due_at < now() AS test_past_due,
        count(*) AS n
      FROM controls c ${scoped ? 'WHERE c.risk_id IN (SELECT id FROM scope)' : ''}
      GROUP BY 1, 2, 3
    ) c`,
  evidence: (scoped) => `
    SELECT json_build_object(
      'total', ${tally()},
      'pendingReview', ${tally(`e.review_status = 'pending_review'`)},
      'approved', ${tally(`e.review_status = 'approved'`)},
      'rejected', ${tally(`e.review_status = 'rejected'`)},
      'expired', ${tally('e.expired')},
      'expiringIn30Days', ${tally('e.expiring_soon')}
    )
    FROM (
      SELECT e.review_status, e.valid_until < now() AS expired,
        ${dueWithin30Days('e.valid_until')} AS expiring_soon, count(*) AS n
      FROM evidence e
      ${scoped ? 'JOIN controls c ON c.id = e.control_id WHERE c.risk_id IN (SELECT id FROM scope)' : ''}
      GROUP BY 1, 2, 3
    ) e`,
  tasks: (scoped) => `
    SELECT json_build_object(
      'total', ${tally()},
      'open', ${tally(OPEN_TASK)},
      'overdue', ${tally(`${OPEN_TASK} AND t.past_due`)},
      'overdueByPriority', ${tallyBy('t.priority', Object.values(TaskPriority), `${OPEN_TASK} AND t.past_due`)}
    )
    FROM (
      SELECT t.status, t.priority, t.due_at < now() AS past_due, count(*) AS n
      FROM tasks t ${scoped ? 'WHERE t.risk_id IN (SELECT id FROM scope)' : ''}
      GROUP BY 1, 2, 3
    ) t`,
};

/** The tables the summary counts: a write to any of them changes it. */
export const SUMMARY_TABLES = ['risks', 'risk_acceptances', 'controls', 'evidence', 'tasks'];
/** The table the heat map counts. */
export const HEATMAP_TABLES = ['risks'];

/** Per basis, the columns that place a risk (whitelisted: they are written into the SQL). */
const HEATMAP_AXES: Record<HeatmapBasis, { likelihood: string; impact: string }> = {
  [HeatmapBasis.Inherent]: { likelihood: 'r.likelihood', impact: 'r.impact' },
  [HeatmapBasis.Residual]: { likelihood: 'r.residual_likelihood', impact: 'r.residual_impact' },
};

/**
 * The summary in one statement (one snapshot); exported for the benchmark's baseline. The
 * scope carries only the risk columns the blocks read, not whole rows (the stored tsvector).
 */
export function summaryStatement(scope: RiskScope): Statement {
  const { where, parameters } = scopeWhere(scope);
  const blocks = Object.entries(SUMMARY_BLOCKS).map(
    ([name, block]) => `(${block(where !== '')}) AS "${name}"`,
  );
  const sql = `
    WITH scope AS (
      SELECT r.id, r.severity, r.residual_severity, r.status, r.next_review_at
      FROM risks r ${where ? `WHERE ${where}` : ''}
    )
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
