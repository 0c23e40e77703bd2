import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { auditEventsOf, createRisk, Created } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const inDays = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

describe('risk workflows', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let otherManager: Session;
  let analyst: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
    otherManager = await createUserAndLogin(t, admin, 'manager');
    analyst = await createUserAndLogin(t, admin, 'analyst');
    viewer = await createUserAndLogin(t, admin, 'viewer');
  });
  afterAll(() => t.close());

  /** A risk owned by `owner`, created by the admin. */
  const riskOf = (owner: Session, overrides: Record<string, unknown> = {}): Promise<Created> =>
    createRisk(t, admin, { ownerId: owner.user.id, ...overrides });

  const getRisk = async (id: string): Promise<Record<string, unknown>> =>
    (await t.http.get(`/api/v1/risks/${id}`).set(...bearer(admin))).body as Record<string, unknown>;

  describe('review schedule', () => {
    it('should default the interval from severity and nextReviewAt from creation', async () => {
      const cases: [number, number, number][] = [
        [5, 5, 90], // critical
        [3, 4, 90], // high (12)
        [2, 3, 180], // medium (6)
        [1, 2, 365], // low (2)
      ];
      for (const [likelihood, impact, days] of cases) {
        const risk = await riskOf(manager, { likelihood, impact });
        expect(risk.reviewIntervalDays).toBe(days);
        expect(risk.lastReviewedAt).toBeNull();
        const [row] = await t.sql<{ created_at: Date }>(
          'SELECT created_at FROM risks WHERE id = $1',
          [risk.id],
        );
        expect(new Date(risk.nextReviewAt as string).getTime()).toBe(
          row.created_at.getTime() + days * DAY_MS,
        );
      }
    });

    it('should keep an interval and a nextReviewAt the client gives', async () => {
      const risk = await riskOf(manager, {
        reviewIntervalDays: 30,
        nextReviewAt: '2030-01-01T00:00:00.000Z',
      });
      expect(risk).toMatchObject({
        reviewIntervalDays: 30,
        nextReviewAt: '2030-01-01T00:00:00.000Z',
      });
    });

    it('should refuse an interval outside 1-730 with 400 naming the field', async () => {
      const res = await t.http
        .post('/api/v1/risks')
        .set(...bearer(admin))
        .send({
          title: 'Bad interval',
          category: 'Security',
          ownerId: admin.user.id,
          likelihood: 1,
          impact: 1,
          reviewIntervalDays: 731,
        });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('reviewIntervalDays');
    });

    it('should list only risks whose review is due with reviewDue=true', async () => {
      const category = `Due ${Date.now()}`;
      const due = await riskOf(manager, { category, nextReviewAt: '2020-01-01T00:00:00Z' });
      await riskOf(manager, { category });
      const res = await t.http
        .get('/api/v1/risks')
        .query({ category, reviewDue: true })
        .set(...bearer(viewer));
      expect(res.status).toBe(200);
      expect(res.body.items.map((item: Created) => item.id)).toEqual([due.id]);
      const notDue = await t.http
        .get('/api/v1/risks')
        .query({ category, reviewDue: false })
        .set(...bearer(viewer));
      expect(notDue.body.total).toBe(1);
      expect(notDue.body.items[0].id).not.toBe(due.id);
    });
  });

  describe('POST /risks/{id}/reviews', () => {
    it('should record a review, move the schedule on and audit both', async () => {
      const risk = await riskOf(analyst, { nextReviewAt: '2020-01-01T00:00:00Z' });
      const res = await t.http
        .post(`/api/v1/risks/${risk.id}/reviews`)
        .set(...bearer(analyst))
        .send({ outcome: 'no_change', notes: 'Looked again; nothing moved.' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        riskId: risk.id,
        reviewerId: analyst.user.id,
        outcome: 'no_change',
        notes: 'Looked again; nothing moved.',
        likelihood: risk.likelihood,
        impact: risk.impact,
        inherentScore: risk.inherentScore,
        residualScore: null,
      });
      const reviewedAt = new Date(res.body.reviewedAt as string).getTime();
      const after = await getRisk(risk.id);
      expect(after.lastReviewedAt).toBe(res.body.reviewedAt);
      expect(new Date(after.nextReviewAt as string).getTime()).toBe(
        reviewedAt + (risk.reviewIntervalDays as number) * DAY_MS,
      );
      expect(after.version).toBe(risk.version + 1);

      const events = await auditEventsOf(t, admin, res);
      expect(events).toHaveLength(2);
      const byType = Object.fromEntries(events.map((event) => [event.entityType, event]));
      expect(byType.risk_review).toMatchObject({
        action: 'review',
        entityId: res.body.id,
        actorId: analyst.user.id,
        outcome: 'success',
      });
      expect(byType.risk).toMatchObject({ action: 'review', entityId: risk.id });
      expect((byType.risk.changes as Record<string, unknown>).lastReviewedAt).toEqual({
        from: null,
        to: res.body.reviewedAt,
      });

      const due = await t.http
        .get('/api/v1/risks')
        .query({ reviewDue: true, limit: 100 })
        .set(...bearer(admin));
      expect(due.body.items.map((item: Created) => item.id)).not.toContain(risk.id);
    });

    it('should page reviews newest first', async () => {
      const risk = await riskOf(manager);
      for (const outcome of ['no_change', 'reassessed', 'escalated']) {
        const res = await t.http
          .post(`/api/v1/risks/${risk.id}/reviews`)
          .set(...bearer(manager))
          .send({ outcome });
        expect(res.status).toBe(201);
      }
      const page = await t.http
        .get(`/api/v1/risks/${risk.id}/reviews`)
        .query({ limit: 2 })
        .set(...bearer(viewer));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page.body.items.map((item: { outcome: string }) => item.outcome)).toEqual([
        'escalated',
        'reassessed',
      ]);
    });

    it("should refuse an analyst on someone else's risk, and a viewer, with 403", async () => {
      const risk = await riskOf(manager);
      for (const session of [analyst, viewer]) {
        const res = await t.http
          .post(`/api/v1/risks/${risk.id}/reviews`)
          .set(...bearer(session))
          .send({ outcome: 'no_change' });
        expect(res.status).toBe(403);
      }
      expect((await getRisk(risk.id)).lastReviewedAt).toBeNull();
    });

    it('should answer 400 for a bad outcome, 404 for an unknown risk', async () => {
      const risk = await riskOf(manager);
      const bad = await t.http
        .post(`/api/v1/risks/${risk.id}/reviews`)
        .set(...bearer(admin))
        .send({ outcome: 'fine' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('outcome');
      const unknown = await t.http
        .post('/api/v1/risks/0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21/reviews')
        .set(...bearer(admin))
        .send({ outcome: 'no_change' });
      expect(unknown.status).toBe(404);
      const list = await t.http
        .get('/api/v1/risks/0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21/reviews')
        .set(...bearer(admin));
      expect(list.status).toBe(404);
    });
  });

  describe('acceptances', () => {
    const request = (risk: Created, session: Session, days = 30) =>
      t.http
        .post(`/api/v1/risks/${risk.id}/acceptances`)
        .set(...bearer(session))
        .send({ justification: 'Compensating monitoring is in place.', expiresAt: inDays(days) });

    it('should request, approve (risk accepted) and revoke (risk open), audited', async () => {
      const risk = await riskOf(analyst, { residualLikelihood: 1, residualImpact: 2 });
      const requested = await request(risk, analyst);
      expect(requested.status).toBe(201);
      expect(requested.headers.etag).toBe('"1"');
      expect(requested.body).toMatchObject({
        riskId: risk.id,
        status: 'requested',
        requestedById: analyst.user.id,
        decidedById: null,
        inherentScoreAtRequest: risk.inherentScore,
        residualScoreAtRequest: 2,
      });
      const [requestEvent] = await auditEventsOf(t, admin, requested);
      expect(requestEvent).toMatchObject({
        action: 'acceptance_request',
        entityType: 'risk_acceptance',
        entityId: requested.body.id,
      });

      const approved = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
        .set(...bearer(manager))
        .set('If-Match', '"1"')
        .send({ decision: 'approved', comment: 'Until the migration.' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedById: manager.user.id,
        decisionComment: 'Until the migration.',
        version: 2,
      });
      expect(await getRisk(risk.id)).toMatchObject({ status: 'accepted', treatment: 'accept' });
      const decisionEvents = await auditEventsOf(t, admin, approved);
      expect(decisionEvents.map((event) => [event.action, event.entityType]).sort()).toEqual([
        ['acceptance_decision', 'risk'],
        ['acceptance_decision', 'risk_acceptance'],
      ]);

      const revoked = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/revoke`)
        .set(...bearer(otherManager))
        .send({ comment: 'The control failed.' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        status: 'revoked',
        revokedById: otherManager.user.id,
        revokeComment: 'The control failed.',
      });
      expect(await getRisk(risk.id)).toMatchObject({ status: 'open' });
      const revokeEvents = await auditEventsOf(t, admin, revoked);
      expect(revokeEvents.map((event) => event.action)).toEqual([
        'acceptance_revoke',
        'acceptance_revoke',
      ]);
    });

    it('should leave the risk alone on rejection and allow a new request after', async () => {
      const risk = await riskOf(analyst);
      const requested = await request(risk, analyst);
      const rejected = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
        .set(...bearer(manager))
        .send({ decision: 'rejected' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('rejected');
      expect(await getRisk(risk.id)).toMatchObject({ status: 'open', version: risk.version });
      const again = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
        .set(...bearer(manager))
        .send({ decision: 'approved' });
      expect(again.status).toBe(409);
      expect((await request(risk, analyst)).status).toBe(201);
    });

    it('should enforce separation of duties with its own problem type', async () => {
      const risk = await riskOf(otherManager);
      const requested = await request(risk, manager);
      for (const session of [manager, otherManager]) {
        for (const verb of ['decision', 'revoke']) {
          const res = await t.http
            .post(`/api/v1/risk-acceptances/${requested.body.id}/${verb}`)
            .set(...bearer(session))
            .send(verb === 'decision' ? { decision: 'approved' } : {});
          expect(res.status).toBe(403);
          expect(res.body.type).toMatch(/separation-of-duties$/);
          const [event] = await auditEventsOf(t, admin, res);
          expect(event).toMatchObject({ outcome: 'denied' });
        }
      }
      const analystTry = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
        .set(...bearer(analyst))
        .send({ decision: 'approved' });
      expect(analystTry.status).toBe(403);
      const unchanged = await t.http
        .get(`/api/v1/risk-acceptances/${requested.body.id}`)
        .set(...bearer(viewer));
      expect(unchanged.body.status).toBe('requested');
    });

    it('should allow one open acceptance per risk, also under a race', async () => {
      const risk = await riskOf(manager);
      const results = await Promise.all([1, 2, 3, 4].map(() => request(risk, admin)));
      expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409]);
      const [{ count }] = await t.sql<{ count: string }>(
        `SELECT count(*) FROM risk_acceptances WHERE risk_id = $1`,
        [risk.id],
      );
      expect(Number(count)).toBe(1);
      await expect(
        t.sql(
          `INSERT INTO risk_acceptances (risk_id, status, justification, expires_at, requested_by_id,
             inherent_score_at_request) VALUES ($1, 'approved', 'x', now() + interval '1 day', $2, 1)`,
          [risk.id, admin.user.id],
        ),
      ).rejects.toThrow(/risk_acceptances_one_open_per_risk/);
    });

    it('should validate expiresAt and justification with 400 naming the field', async () => {
      const risk = await riskOf(manager);
      const cases: [Record<string, unknown>, string][] = [
        [{ justification: 'Long enough text', expiresAt: inDays(-1) }, 'expiresAt'],
        [{ justification: 'Long enough text', expiresAt: inDays(366) }, 'expiresAt'],
        [{ justification: 'short', expiresAt: inDays(10) }, 'justification'],
        [{ justification: 'Long enough text', expiresAt: '2026-02-30T00:00:00Z' }, 'expiresAt'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http
          .post(`/api/v1/risks/${risk.id}/acceptances`)
          .set(...bearer(manager))
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });

    it('should answer 412 to a stale If-Match and 404 to an unknown id', async () => {
      const risk = await riskOf(analyst);
      const requested = await request(risk, analyst);
      const stale = await t.http
        .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
        .set(...bearer(manager))
        .set('If-Match', '"7"')
        .send({ decision: 'approved' });
      expect(stale.status).toBe(412);
      const unknown = await t.http
        .get('/api/v1/risk-acceptances/0b5a2d0e-6c1f-4f7e-9f59-2f4c3b1a8d21')
        .set(...bearer(viewer));
      expect(unknown.status).toBe(404);
    });

    it('should list with filters riskId, status and expiresBefore', async () => {
      const risk = await riskOf(analyst);
      const soon = await request(risk, analyst, 5);
      await t.http
        .post(`/api/v1/risk-acceptances/${soon.body.id}/decision`)
        .set(...bearer(manager))
        .send({ decision: 'rejected' });
      const later = await request(risk, analyst, 200);
      const byRisk = await t.http
        .get('/api/v1/risk-acceptances')
        .query({ riskId: risk.id })
        .set(...bearer(viewer));
      expect(byRisk.status).toBe(200);
      expect(byRisk.body.items.map((item: Created) => item.id)).toEqual([
        later.body.id,
        soon.body.id,
      ]);
      const requestedOnly = await t.http
        .get('/api/v1/risk-acceptances')
        .query({ riskId: risk.id, status: 'requested' })
        .set(...bearer(viewer));
      expect(requestedOnly.body.items.map((item: Created) => item.id)).toEqual([later.body.id]);
      const expiringSoon = await t.http
        .get('/api/v1/risk-acceptances')
        .query({ riskId: risk.id, expiresBefore: inDays(10) })
        .set(...bearer(viewer));
      expect(expiringSoon.body.items.map((item: Created) => item.id)).toEqual([soon.body.id]);
    });
  });
});
