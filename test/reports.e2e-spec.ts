import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** DESIGN "Domain": the one banding function. */
function band(score: number): string {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'critical';
}

/** Every cell zero but `placed` (`"likelihood,impact": count`). */
function grid(placed: Record<string, number>) {
  const cells = [];
  for (let likelihood = 1; likelihood <= 5; likelihood += 1) {
    for (let impact = 1; impact <= 5; impact += 1) {
      const score = likelihood * impact;
      const count = placed[`${likelihood},${impact}`] ?? 0;
      cells.push({ likelihood, impact, score, severity: band(score), count });
    }
  }
  return cells;
}

/**
 * A register of known shape, written straight into the tables so that dates can lie in the
 * past. Owner A has R1, R2, R5; owner B has R3, R4, R6. Times are relative to now().
 */
async function buildRegister(t: TestApp, a: string, b: string): Promise<void> {
  const risks: [
    string,
    string,
    string,
    number,
    number,
    number | null,
    number | null,
    string,
    string | null,
  ][] = [
    ['R1', 'Security', a, 5, 5, 2, 2, 'open', '-1 day'],
    ['R2', 'Security', a, 4, 4, null, null, 'in_treatment', '10 days'],
    ['R3', 'Security', b, 3, 3, 1, 1, 'monitoring', '60 days'],
    ['R4', 'Vendor', b, 1, 2, null, null, 'closed', '-5 days'],
    ['R5', 'Vendor', a, 5, 4, 3, 3, 'accepted', null],
    ['R6', 'Vendor', b, 2, 5, 2, 5, 'open', '20 days'],
  ];
  for (const [title, category, owner, l, i, rl, ri, status, review] of risks) {
    await t.sql(
      `INSERT INTO risks (title, category, owner_id, likelihood, impact, residual_likelihood,
         residual_impact, status, next_review_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9::interval)`,
      [title, category, owner, l, i, rl, ri, status, review],
    );
  }
  const controls: [string, string, string, string, string | null][] = [
    ['C1', 'R1', 'implemented', 'effective', '-1 day'],
    ['C2', 'R1', 'planned', 'not_tested', null],
    ['C3', 'R2', 'degraded', 'ineffective', '-2 days'],
    ['C4', 'R3', 'implemented', 'partially_effective', '5 days'],
    ['C5', 'R4', 'retired', 'not_tested', '-3 days'],
    ['C6', 'R6', 'not_applicable', 'not_tested', null],
  ];
  for (const [code, risk, status, effectiveness, due] of controls) {
    await t.sql(
      `INSERT INTO controls (risk_id, code, title, type, implementation_status, effectiveness,
         owner_id, next_test_due_at)
       SELECT id, $1, $1, 'preventive', $3, $4, owner_id, now() + $5::interval
       FROM risks WHERE title = $2`,
      [code, risk, status, effectiveness, due],
    );
  }
  const evidence: [string, string, string, string | null][] = [
    ['E1', 'C1', 'approved', '-1 day'],
    ['E2', 'C1', 'pending_review', '10 days'],
    ['E3', 'C3', 'rejected', null],
    ['E4', 'C4', 'approved', '90 days'],
    ['E5', 'C5', 'pending_review', '29 days'],
  ];
  for (const [title, control, review, validFor] of evidence) {
    const reviewed = review !== 'pending_review';
    await t.sql(
      `INSERT INTO evidence (control_id, title, kind, url, collected_at, valid_until,
         review_status, reviewed_by_id, reviewed_at, submitted_by_id)
       SELECT id, $1, 'link', 'https://example.com', now() - interval '10 days',
         now() + $3::interval, $2, CASE WHEN $4 THEN owner_id END,
         CASE WHEN $4 THEN now() END, owner_id
       FROM controls WHERE code = $5`,
      [title, review, validFor, reviewed, control],
    );
  }
  // One open acceptance per risk at most; expired and rejected ones count in no block.
  const acceptances: [string, string, string][] = [
    ['R1', 'requested', '40 days'],
    ['R5', 'approved', '10 days'],
    ['R6', 'approved', '100 days'],
    ['R3', 'rejected', '5 days'],
    ['R2', 'expired', '-1 day'],
  ];
  for (const [risk, status, expiresIn] of acceptances) {
    await t.sql(
      `INSERT INTO risk_acceptances (risk_id, status, justification, expires_at, requested_by_id,
         inherent_score_at_request)
       SELECT id, $2, 'A known shape for the summary', now() + $3::interval, owner_id,
         inherent_score
       FROM risks WHERE title = $1`,
      [risk, status, expiresIn],
    );
  }
  const tasks: [string, string, string, string, string | null][] = [
    ['T1', 'R1', 'open', 'high', '-1 day'],
    ['T2', 'R1', 'done', 'urgent', '-5 days'],
    ['T3', 'R2', 'blocked', 'urgent', '-2 days'],
    ['T4', 'R3', 'in_progress', 'low', '5 days'],
    ['T5', 'R4', 'cancelled', 'medium', null],
    ['T6', 'R6', 'open', 'high', '-3 days'],
    ['T7', 'R5', 'open', 'medium', null],
  ];
  for (const [title, risk, status, priority, due] of tasks) {
    await t.sql(
      `INSERT INTO tasks (risk_id, title, status, priority, due_at, completed_at)
       SELECT id, $1, $2::task_status, $3, now() + $4::interval,
         CASE WHEN $2 IN ('done', 'cancelled') THEN now() END
       FROM risks WHERE title = $5`,
      [title, status, priority, due, risk],
    );
  }
}

describe('reports', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let ownerA: Session;
  let ownerB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    viewer = await createUserAndLogin(t, admin, 'viewer');
    ownerA = await createUserAndLogin(t, admin, 'manager', { fullName: 'Ada Owner' });
    ownerB = await createUserAndLogin(t, admin, 'analyst', { fullName: 'Bo Owner' });
    await buildRegister(t, ownerA.user.id, ownerB.user.id);
  });

  afterAll(() => t.close());

  const get = (url: string) => t.http.get(url).set(...bearer(viewer));

  describe('GET /reports/summary', () => {
    it('should count every block of the register, every enum value present', async () => {
      const before = Date.now();
      const res = await get('/api/v1/reports/summary');
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.asOf)).toBeGreaterThanOrEqual(before - 1000);
      expect(res.body).toEqual({
        asOf: res.body.asOf,
        risks: {
          total: 6,
          bySeverity: { low: 1, medium: 1, high: 2, critical: 2 },
          byResidualSeverity: { low: 2, medium: 1, high: 1, critical: 0, unassessed: 2 },
          byStatus: { open: 2, in_treatment: 1, monitoring: 1, accepted: 1, closed: 1 },
          reviewOverdue: 1,
          reviewDueIn30Days: 2,
          withoutImplementedControl: 3,
        },
        acceptances: { requested: 1, approved: 2, expiringIn30Days: 1 },
        controls: {
          total: 6,
          byImplementationStatus: {
            planned: 1,
            in_progress: 0,
            implemented: 2,
            degraded: 1,
            not_applicable: 1,
            retired: 1,
          },
          byEffectiveness: {
            not_tested: 3,
            effective: 1,
            partially_effective: 1,
            ineffective: 1,
          },
          testOverdue: 2,
        },
        evidence: {
          total: 5,
          pendingReview: 2,
          approved: 2,
          rejected: 1,
          expired: 1,
          expiringIn30Days: 2,
        },
        tasks: {
          total: 7,
          open: 5,
          overdue: 3,
          overdueByPriority: { low: 0, medium: 0, high: 2, urgent: 1 },
        },
      });
    });

    it('should narrow to one owner’s risks and what belongs to them', async () => {
      const res = await get(`/api/v1/reports/summary?ownerId=${ownerA.user.id}`);
      expect(res.status).toBe(200);
      expect(res.body.risks).toEqual({
        total: 3,
        bySeverity: { low: 0, medium: 0, high: 1, critical: 2 },
        byResidualSeverity: { low: 1, medium: 1, high: 0, critical: 0, unassessed: 1 },
        byStatus: { open: 1, in_treatment: 1, monitoring: 0, accepted: 1, closed: 0 },
        reviewOverdue: 1,
        reviewDueIn30Days: 1,
        withoutImplementedControl: 2,
      });
      expect(res.body.acceptances).toEqual({ requested: 1, approved: 1, expiringIn30Days: 1 });
      expect(res.body.controls).toEqual({
        total: 3,
        byImplementationStatus: {
          planned: 1,
          in_progress: 0,
          implemented: 1,
          degraded: 1,
          not_applicable: 0,
          retired: 0,
        },
        byEffectiveness: { not_tested: 1, effective: 1, partially_effective: 0, ineffective: 1 },
        testOverdue: 2,
      });
      expect(res.body.evidence).toEqual({
        total: 3,
        pendingReview: 1,
        approved: 1,
        rejected: 1,
        expired: 1,
        expiringIn30Days: 1,
      });
      expect(res.body.tasks).toEqual({
        total: 4,
        open: 3,
        overdue: 2,
        overdueByPriority: { low: 0, medium: 0, high: 1, urgent: 1 },
      });
    });

    it('should narrow by category, and answer zeros for a category with no risk', async () => {
      const vendor = await get('/api/v1/reports/summary?category=Vendor');
      expect(vendor.body.risks).toMatchObject({
        total: 3,
        bySeverity: { low: 1, medium: 0, high: 1, critical: 1 },
        byStatus: { open: 1, in_treatment: 0, monitoring: 0, accepted: 1, closed: 1 },
        reviewOverdue: 0,
        reviewDueIn30Days: 1,
        withoutImplementedControl: 2,
      });
      expect(vendor.body.acceptances).toEqual({ requested: 0, approved: 2, expiringIn30Days: 1 });
      expect(vendor.body.tasks).toMatchObject({ total: 3, open: 2, overdue: 1 });
      expect(vendor.body.evidence).toMatchObject({ total: 1, pendingReview: 1 });

      const none = await get('/api/v1/reports/summary?category=Nothing');
      expect(none.body.risks.total).toBe(0);
      expect(none.body.risks.byResidualSeverity).toEqual({
        low: 0,
        medium: 0,
        high: 0,
        critical: 0,
        unassessed: 0,
      });
      expect(none.body.acceptances).toEqual({ requested: 0, approved: 0, expiringIn30Days: 0 });
      expect(none.body.controls.total).toBe(0);
      expect(none.body.tasks.overdueByPriority).toEqual({ low: 0, medium: 0, high: 0, urgent: 0 });
    });

    it('should refuse a malformed filter with a problem naming it', async () => {
      const res = await get('/api/v1/reports/summary?ownerId=not-a-uuid');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('ownerId');
    });
  });

  describe('GET /reports/risk-heatmap', () => {
    it('should place every risk on its inherent cell, 25 cells always', async () => {
      const res = await get('/api/v1/reports/risk-heatmap');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        basis: 'inherent',
        total: 6,
        cells: grid({ '5,5': 1, '4,4': 1, '3,3': 1, '1,2': 1, '5,4': 1, '2,5': 1 }),
      });
    });

    it('should place assessed risks on their residual cell', async () => {
      const res = await get('/api/v1/reports/risk-heatmap?basis=residual');
      expect(res.body).toEqual({
        basis: 'residual',
        total: 4,
        cells: grid({ '2,2': 1, '1,1': 1, '3,3': 1, '2,5': 1 }),
      });
    });

    it('should apply the status, category and owner filters', async () => {
      const open = await get('/api/v1/reports/risk-heatmap?status=open');
      expect(open.body.cells).toEqual(grid({ '5,5': 1, '2,5': 1 }));
      const vendorOfB = await get(
        `/api/v1/reports/risk-heatmap?category=Vendor&ownerId=${ownerB.user.id}`,
      );
      expect(vendorOfB.body).toMatchObject({ total: 2, cells: grid({ '1,2': 1, '2,5': 1 }) });
      const none = await get('/api/v1/reports/risk-heatmap?category=Nothing&basis=residual');
      expect(none.body).toEqual({ basis: 'residual', total: 0, cells: grid({}) });
    });

    it('should refuse an unknown basis', async () => {
      const res = await get('/api/v1/reports/risk-heatmap?basis=gut-feeling');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('basis');
    });
  });

  describe('GET /reports/owners', () => {
    it('should page the owners, most overdue first', async () => {
      const res = await get('/api/v1/reports/owners');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          {
            ownerId: ownerA.user.id,
            fullName: 'Ada Owner',
            risks: 3,
            criticalOrHigh: 3,
            reviewOverdue: 1,
            openTasks: 3,
            overdueTasks: 2,
          },
          {
            ownerId: ownerB.user.id,
            fullName: 'Bo Owner',
            risks: 3,
            criticalOrHigh: 1,
            reviewOverdue: 0,
            openTasks: 2,
            overdueTasks: 1,
          },
        ],
        total: 2,
        limit: 20,
        offset: 0,
      });
      const second = await get('/api/v1/reports/owners?limit=1&offset=1');
      expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(second.body.items.map((owner: { ownerId: string }) => owner.ownerId)).toEqual([
        ownerB.user.id,
      ]);
      const past = await get('/api/v1/reports/owners?offset=10');
      expect(past.body).toMatchObject({ items: [], total: 2 });
    });
  });

  it('should answer reports to every role but not to the anonymous', async () => {
    expect((await t.http.get('/api/v1/reports/summary')).status).toBe(401);
    for (const session of [admin, ownerA, ownerB, viewer]) {
      const res = await t.http.get('/api/v1/reports/risk-heatmap').set(...bearer(session));
      expect(res.status).toBe(200);
    }
  });
});
