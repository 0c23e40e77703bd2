import { randomUUID } from 'node:crypto';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { auditEventsOf, createControl, createRisk, riskBody } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

describe('risks and controls', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
  });

  afterAll(() => t.close());

  const as = (session: Session) => ({
    post: (url: string) => t.http.post(url).set(...bearer(session)),
    get: (url: string) => t.http.get(url).set(...bearer(session)),
    patch: (url: string) => t.http.patch(url).set(...bearer(session)),
    delete: (url: string) => t.http.delete(url).set(...bearer(session)),
  });

  describe('risks', () => {
    it('should create a risk with computed scores and severity, stored and audited', async () => {
      const res = await as(manager)
        .post('/api/v1/risks')
        .send(
          riskBody(manager.user.id, {
            likelihood: 4,
            impact: 4,
            residualLikelihood: 2,
            residualImpact: 2,
          }),
        );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        likelihood: 4,
        impact: 4,
        inherentScore: 16,
        severity: 'high',
        residualScore: 4,
        residualSeverity: 'low',
        status: 'open',
        treatment: 'untreated',
        version: 1,
      });
      const [row] = await t.sql<{ inherent_score: number; severity: string }>(
        'SELECT inherent_score, severity FROM risks WHERE id = $1',
        [res.body.id],
      );
      expect(row).toEqual({ inherent_score: 16, severity: 'high' });
      const [event] = await auditEventsOf(t, admin, res);
      expect(event).toMatchObject({
        action: 'create',
        entityType: 'risk',
        entityId: res.body.id,
        actorId: manager.user.id,
      });
      expect((event.changes as Record<string, unknown>).inherentScore).toEqual({
        from: null,
        to: 16,
      });
    });

    it.each([
      [1, 4, 'low'],
      [1, 5, 'medium'],
      [3, 3, 'medium'],
      [2, 5, 'high'],
      [4, 4, 'high'],
      [3, 6 - 1, 'high'],
      [5, 4, 'critical'],
      [5, 5, 'critical'],
    ])('should band likelihood %i x impact %i as %s', async (likelihood, impact, severity) => {
      const risk = await createRisk(t, manager, { likelihood, impact });
      expect(risk.severity).toBe(severity);
    });

    it('should change only the fields sent, recompute the score and record the diff', async () => {
      const risk = await createRisk(t, manager, {
        likelihood: 2,
        impact: 2,
        description: 'keep me',
      });
      const res = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .set('If-Match', `"${risk.version}"`)
        .send({ impact: 5, status: 'in_treatment' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        impact: 5,
        inherentScore: 10,
        severity: 'high',
        description: 'keep me',
        version: 2,
      });
      expect(res.headers.etag).toBe('"2"');
      const [event] = await auditEventsOf(t, admin, res);
      expect(event.changes).toEqual({
        impact: { from: 2, to: 5 },
        inherentScore: { from: 4, to: 10 },
        severity: { from: 'low', to: 'high' },
        status: { from: 'open', to: 'in_treatment' },
      });
    });

    it('should keep the version when a PATCH sends only the stored values', async () => {
      const risk = await createRisk(t, manager, { nextReviewAt: '2031-01-01T00:00:00.000Z' });
      const res = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .set('If-Match', `"${risk.version}"`)
        .send({ title: risk.title, impact: risk.impact, nextReviewAt: '2031-01-01T00:00:00Z' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(risk);
      expect(res.headers.etag).toBe(`"${risk.version}"`);

      const changed = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .set('If-Match', `"${risk.version}"`)
        .send({ nextReviewAt: '2031-01-02T00:00:00Z' });
      expect(changed.body).toMatchObject({
        nextReviewAt: '2031-01-02T00:00:00.000Z',
        version: risk.version + 1,
      });
    });

    it('should require both residual values or neither', async () => {
      const res = await as(manager)
        .post('/api/v1/risks')
        .send(riskBody(manager.user.id, { residualLikelihood: 2 }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'residualImpact' })]);
      const risk = await createRisk(t, manager, { residualLikelihood: 2, residualImpact: 3 });
      const half = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .send({ residualImpact: null });
      expect(half.status).toBe(400);
      const cleared = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .send({ residualImpact: null, residualLikelihood: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ residualScore: null, residualSeverity: null });
    });

    it.each([
      ['likelihood', { likelihood: 0 }],
      ['likelihood', { likelihood: 6 }],
      ['likelihood', { likelihood: 'x' }],
      ['impact', { impact: 2.5 }],
      ['status', { status: 'forgotten' }],
      ['treatment', { treatment: 'ignore' }],
      ['ownerId', { ownerId: 'not-a-uuid' }],
      ['inherentScore', { inherentScore: 25 }],
      ['severity', { severity: 'low' }],
      ['title', { title: '' }],
      ['nextReviewAt', { nextReviewAt: 'next tuesday' }],
    ])('should reject a bad %s with 400 naming it', async (field, patch) => {
      const res = await as(manager)
        .post('/api/v1/risks')
        .send({ ...riskBody(manager.user.id), ...patch });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it.each(['title', 'likelihood', 'category', 'status'])(
      'should reject a null %s in a PATCH with 400 naming it, never a 500',
      async (field) => {
        const risk = await createRisk(t, manager);
        const res = await as(manager)
          .patch(`/api/v1/risks/${risk.id}`)
          .send({ [field]: null });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect((await as(manager).get(`/api/v1/risks/${risk.id}`)).body.version).toBe(1);
      },
    );

    it('should answer 422 naming ownerId when it is not an active user', async () => {
      const res = await as(manager).post('/api/v1/risks').send(riskBody(randomUUID()));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'ownerId' })]);
      const inactive = await createUserAndLogin(t, admin, 'viewer');
      await as(admin)
        .patch(`/api/v1/users/${inactive.user.id}`)
        .send({ isActive: false })
        .expect(200);
      expect(
        (await as(manager).post('/api/v1/risks').send(riskBody(inactive.user.id))).status,
      ).toBe(422);
    });

    it('should filter, search and sort', async () => {
      const tag = `zq${randomUUID().slice(0, 8)}`;
      await createRisk(t, manager, {
        title: `Vendor outage ${tag}`,
        likelihood: 4,
        impact: 4,
        category: tag,
      });
      await createRisk(t, manager, {
        title: `Data leak ${tag}`,
        likelihood: 5,
        impact: 3,
        category: tag,
      });
      await createRisk(t, manager, {
        title: `Minor ${tag}`,
        likelihood: 1,
        impact: 1,
        category: tag,
      });
      const high = await as(manager).get(
        `/api/v1/risks?category=${tag}&severity=high&sort=-inherentScore`,
      );
      expect(high.status).toBe(200);
      expect(high.body.items.map((r: { inherentScore: number }) => r.inherentScore)).toEqual([
        16, 15,
      ]);
      expect(high.body.total).toBe(2);
      const found = await as(manager).get(`/api/v1/risks?q=${tag}%20leak`);
      expect(found.body.items.map((r: { title: string }) => r.title)).toEqual([`Data leak ${tag}`]);
      const byTitle = await as(manager).get(`/api/v1/risks?category=${tag}&sort=title&limit=2`);
      expect(byTitle.body.items.map((r: { title: string }) => r.title)).toEqual([
        `Data leak ${tag}`,
        `Minor ${tag}`,
      ]);
      expect(byTitle.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    });

    it.each([
      ['limit', 'limit=1000'],
      ['severity', 'severity=huge'],
      ['sort', 'sort=ownerPassword'],
      ['ownerId', 'ownerId=42'],
      ['offset', 'offset=-1'],
    ])('should reject a bad %s query with 400 naming it', async (field, query) => {
      const res = await as(manager).get(`/api/v1/risks?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('should answer a stale If-Match with 412 and change nothing', async () => {
      const risk = await createRisk(t, manager);
      await as(manager).patch(`/api/v1/risks/${risk.id}`).send({ title: 'First' }).expect(200);
      const stale = await as(manager)
        .patch(`/api/v1/risks/${risk.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'Lost' });
      expect(stale.status).toBe(412);
      expect((await as(manager).get(`/api/v1/risks/${risk.id}`)).body).toMatchObject({
        title: 'First',
        version: 2,
      });
      const staleDelete = await as(manager)
        .delete(`/api/v1/risks/${risk.id}`)
        .set('If-Match', '"1"');
      expect(staleDelete.status).toBe(412);
    });

    it('should let exactly one of two concurrent PATCHes with the same If-Match win', async () => {
      const risk = await createRisk(t, manager);
      const results = await Promise.all(
        ['A', 'B'].map((title) =>
          as(manager).patch(`/api/v1/risks/${risk.id}`).set('If-Match', '"1"').send({ title }),
        ),
      );
      expect(results.map((res) => res.status).sort()).toEqual([200, 412]);
      const winner = results.find((res) => res.status === 200)!;
      expect((await as(manager).get(`/api/v1/risks/${risk.id}`)).body.title).toBe(
        winner.body.title,
      );
    });

    it('should answer 404 for an unknown risk and 400 for a malformed id', async () => {
      expect((await as(manager).get(`/api/v1/risks/${randomUUID()}`)).status).toBe(404);
      expect(
        (await as(manager).patch(`/api/v1/risks/${randomUUID()}`).send({ title: 'x' })).status,
      ).toBe(404);
      expect((await as(manager).get('/api/v1/risks/123')).status).toBe(400);
    });
  });

  describe('controls', () => {
    it('should create, list, update and delete a control of a risk', async () => {
      const risk = await createRisk(t, manager);
      const res = await as(manager)
        .post('/api/v1/controls')
        .send({
          riskId: risk.id,
          code: `AC-${randomUUID().slice(0, 6)}`,
          title: 'MFA for remote access',
          type: 'preventive',
          ownerId: manager.user.id,
          frameworkRefs: ['ISO27001:A.8.15', 'SOC2:CC6.1'],
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        riskId: risk.id,
        implementationStatus: 'planned',
        effectiveness: 'not_tested',
        frameworkRefs: ['ISO27001:A.8.15', 'SOC2:CC6.1'],
      });
      const listed = await as(manager).get(
        `/api/v1/controls?riskId=${risk.id}&frameworkRef=SOC2:CC6.1`,
      );
      expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
      const updated = await as(manager)
        .patch(`/api/v1/controls/${res.body.id}`)
        .set('If-Match', '"1"')
        .send({ implementationStatus: 'implemented', effectiveness: 'effective' });
      expect(updated.status).toBe(200);
      const [event] = await auditEventsOf(t, admin, updated);
      expect(event).toMatchObject({ entityType: 'control', action: 'update' });
      expect(event.changes).toEqual({
        effectiveness: { from: 'not_tested', to: 'effective' },
        implementationStatus: { from: 'planned', to: 'implemented' },
      });
      expect((await as(manager).delete(`/api/v1/controls/${res.body.id}`)).status).toBe(204);
      expect((await as(manager).get(`/api/v1/controls/${res.body.id}`)).status).toBe(404);
    });

    it('should answer 422 naming riskId for a risk that does not exist', async () => {
      const res = await as(manager).post('/api/v1/controls').send({
        riskId: randomUUID(),
        code: 'X-1',
        title: 'x',
        type: 'detective',
        ownerId: manager.user.id,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'riskId' })]);
    });

    it('should answer 409 for a code already used, in any case', async () => {
      const risk = await createRisk(t, manager);
      const code = `DUP-${randomUUID().slice(0, 6)}`;
      await createControl(t, manager, risk.id, { code });
      const res = await as(manager).post('/api/v1/controls').send({
        riskId: risk.id,
        code: code.toLowerCase(),
        title: 'x',
        type: 'detective',
        ownerId: manager.user.id,
      });
      expect(res.status).toBe(409);
    });

    it.each([
      ['type', { type: 'magic' }],
      ['frameworkRefs', { frameworkRefs: ['not a ref'] }],
      ['code', { code: 'has spaces' }],
      ['riskId', { riskId: 'nope' }],
    ])('should reject a bad %s naming it', async (field, patch) => {
      const risk = await createRisk(t, manager);
      const res = await as(manager)
        .post('/api/v1/controls')
        .send({
          riskId: risk.id,
          code: 'OK-1',
          title: 'x',
          type: 'detective',
          ownerId: manager.user.id,
          ...patch,
        });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('should refuse to move a control to another risk', async () => {
      const risk = await createRisk(t, manager);
      const control = await createControl(t, manager, risk.id);
      const res = await as(manager)
        .patch(`/api/v1/controls/${control.id}`)
        .send({ riskId: randomUUID() });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'riskId' })]);
    });
  });

  describe('deleting parents', () => {
    it('should answer 409 naming the controls while a risk has any, then 204', async () => {
      const risk = await createRisk(t, manager);
      const control = await createControl(t, manager, risk.id);
      const blocked = await as(manager).delete(`/api/v1/risks/${risk.id}`);
      expect(blocked.status).toBe(409);
      expect(blocked.body.detail).toMatch(/controls/);
      expect((await as(manager).get(`/api/v1/risks/${risk.id}`)).status).toBe(200);
      await as(manager).delete(`/api/v1/controls/${control.id}`).expect(204);
      const deleted = await as(manager).delete(`/api/v1/risks/${risk.id}`);
      expect(deleted.status).toBe(204);
      const [event] = await auditEventsOf(t, admin, deleted);
      expect(event).toMatchObject({ action: 'delete', entityType: 'risk', entityId: risk.id });
    });
  });
});
