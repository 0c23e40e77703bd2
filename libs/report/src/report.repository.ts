import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AppConfigService } from '@rct/config';
import { TableStampCache } from '@rct/database';
import { RiskSeverity } from '@rct/risk';
import { HeatmapBasis } from './enums/heatmap-basis.enum';
import {
  HEATMAP_TABLES,
  heatmapStatement,
  LIVE_RISK,
  OPEN_TASK,
  RiskScope,
  SUMMARY_TABLES,
  summaryStatement,
} from './report.statements';

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

function withoutTotal(row: OwnerRow & { total: number }): OwnerRow {
  const { ownerId, fullName, risks, criticalOrHigh, reviewOverdue, openTasks, overdueTasks } = row;
  return { ownerId, fullName, risks, criticalOrHigh, reviewOverdue, openTasks, overdueTasks };
}

/**
 * The reports' reads: aggregates computed by PostgreSQL, one statement per report (so each
 * report is consistent within itself), only counts coming back. Hand-written SQL: TypeORM's
 * builder cannot say FILTER clauses, json_build_object or generate_series. The summary and heat
 * map statements live in report.statements.ts (the benchmark's baseline runs them too); their
 * answers are kept while the change stamps of the tables they count stand still.
 */
@Injectable()
export class ReportRepository {
  /** Summaries by scope, while their tables are unchanged and their clock counts young. */
  private readonly summaries: TableStampCache<SummaryRow>;
  /** Heat maps by basis and scope, while no risk has been written (no clock in them). */
  private readonly heatmaps: TableStampCache<HeatmapCellRow[]>;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    config: AppConfigService,
  ) {
    const capacity = config.get('REPORT_CACHE_ENTRIES');
    this.summaries = new TableStampCache(SUMMARY_TABLES, {
      capacity,
      maxAgeMs: config.get('REPORT_CLOCK_WINDOW_MS'),
    });
    this.heatmaps = new TableStampCache(HEATMAP_TABLES, { capacity });
  }

  summary(scope: RiskScope): Promise<SummaryRow> {
    const key = JSON.stringify([scope.ownerId, scope.category, scope.status]);
    return this.summaries.read(this.txHost.tx, key, async () => {
      const { sql, parameters } = summaryStatement(scope);
      const [row] = await this.txHost.tx.query<SummaryRow[]>(sql, parameters);
      return row;
    });
  }

  heatmap(basis: HeatmapBasis, scope: RiskScope): Promise<HeatmapCellRow[]> {
    const key = JSON.stringify([basis, scope.ownerId, scope.category, scope.status]);
    return this.heatmaps.read(this.txHost.tx, key, () => {
      const { sql, parameters } = heatmapStatement(basis, scope);
      return this.txHost.tx.query<HeatmapCellRow[]>(sql, parameters);
    });
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
