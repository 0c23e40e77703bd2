import { AcceptanceExpiryScheduler } from '@rct/risk-workflow';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

const ACCEPTANCES = 12;

/** Polls until `check` holds, for at most `ms`. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('acceptance expiry by the server, two instances on one database', () => {
  let one: TestApp;
  let two: TestApp;
  let admin: Session;
  let manager: Session;

  beforeAll(async () => {
    one = await createTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: '1' } });
    two = await createTestApp({
      database: one.database,
      env: { SCHEDULER_INTERVAL_SECONDS: '1' },
    });
    admin = await loginAdmin(one);
    manager = await createUserAndLogin(one, admin, 'manager');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  /** An approved acceptance of a new risk, expiring tomorrow. */
  async function approvedAcceptance(): Promise<{ acceptanceId: string; riskId: string }> {
    const risk = await createRisk(one, admin);
    const requested = await one.http
      .post(`/api/v1/risks/${risk.id}/acceptances`)
      .set(...bearer(admin))
      .send({
        justification: 'Accepted while the vendor fixes it.',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(requested.status).toBe(201);
    const approved = await two.http
      .post(`/api/v1/risk-acceptances/${requested.body.id}/decision`)
      .set(...bearer(manager))
      .send({ decision: 'approved' });
    expect(approved.status).toBe(200);
    return { acceptanceId: requested.body.id as string, riskId: risk.id };
  }

  /** Moves expiresAt into the past behind the API's back. */
  const lapse = (ids: string[]) =>
    one.sql(
      "UPDATE risk_acceptances SET expires_at = now() - interval '1 second' WHERE id = ANY($1)",
      [ids],
    );

  it('should expire each lapsed acceptance exactly once, reopen its risk, audited as system', async () => {
    const made = [];
    for (let i = 0; i < ACCEPTANCES; i += 1) made.push(await approvedAcceptance());
    const ids = made.map((item) => item.acceptanceId);
    await lapse(ids);

    // Both instances run at once, besides their own 1-second timers.
    const schedulers = [one, two].map((t) => t.app.get(AcceptanceExpiryScheduler));
    await Promise.all([...schedulers, ...schedulers].map((scheduler) => scheduler.tick()));
    await eventually(async () => {
      const rows = await one.sql<{ count: string }>(
        "SELECT count(*) FROM risk_acceptances WHERE id = ANY($1) AND status = 'expired'",
        [ids],
      );
      return Number(rows[0].count) === ids.length;
    }, 10_000);
    // Give the timers a few more runs: nothing may be expired twice.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const events = await one.sql<{
      entity_id: string;
      entity_type: string;
      actor_id: string | null;
      actor_role: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    }>(
      `SELECT entity_id, entity_type, actor_id, actor_role, changes FROM audit_events
        WHERE action = 'acceptance_expire' ORDER BY seq`,
    );
    const acceptanceEvents = events.filter((event) => event.entity_type === 'risk_acceptance');
    expect(acceptanceEvents.map((event) => event.entity_id).sort()).toEqual([...ids].sort());
    for (const event of events) {
      expect(event).toMatchObject({ actor_id: null, actor_role: 'system' });
    }
    expect(acceptanceEvents[0].changes.status).toEqual({ from: 'approved', to: 'expired' });
    const riskEvents = events.filter((event) => event.entity_type === 'risk');
    expect(riskEvents.map((event) => event.entity_id).sort()).toEqual(
      made.map((item) => item.riskId).sort(),
    );
    expect(riskEvents[0].changes.status).toEqual({ from: 'accepted', to: 'open' });

    for (const { riskId, acceptanceId } of made.slice(0, 3)) {
      const risk = await two.http.get(`/api/v1/risks/${riskId}`).set(...bearer(manager));
      expect(risk.body.status).toBe('open');
      const acceptance = await one.http
        .get(`/api/v1/risk-acceptances/${acceptanceId}`)
        .set(...bearer(manager));
      expect(acceptance.body.status).toBe('expired');
    }
    const verify = await one.http.get('/api/v1/audit-events/verify').set(...bearer(admin));
    expect(verify.body.valid).toBe(true);
  });

  it('should leave requested and unexpired approved acceptances alone', async () => {
    const { acceptanceId } = await approvedAcceptance();
    const risk = await createRisk(one, admin);
    const requested = await one.http
      .post(`/api/v1/risks/${risk.id}/acceptances`)
      .set(...bearer(admin))
      .send({ justification: 'Waiting for a decision.', expiresAt: new Date(Date.now() + 60_000) });
    await one.sql(
      "UPDATE risk_acceptances SET expires_at = now() - interval '1 second' WHERE id = $1",
      [requested.body.id],
    );
    await one.app.get(AcceptanceExpiryScheduler).tick();
    const rows = await one.sql<{ id: string; status: string }>(
      'SELECT id, status FROM risk_acceptances WHERE id = ANY($1)',
      [[acceptanceId, requested.body.id]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, row.status]))).toEqual({
      [acceptanceId]: 'approved',
      [requested.body.id]: 'requested',
    });
  });
});
