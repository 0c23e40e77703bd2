import {
  createRisk,
  createRiskAcceptance,
  createRiskReview,
  createUser,
  decideRiskAcceptance,
  getRisk,
  getRiskAcceptance,
  getRiskHistory,
  listRiskAcceptances,
  listRiskReviews,
  listRisks,
  login,
  type LoginResponse,
  type RiskAcceptanceStatus,
  type RiskReviewOutcome,
  revokeRiskAcceptance,
} from './sdk/generated';
import { type Client, createClient, createConfig } from './sdk/generated/client';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

/** Risk workflows driven only through the generated SDK, over real HTTP. */

type Result<TData, TError> = (
  { data: TData; error: undefined } | { data: undefined; error: TError }
) & { response: Response };

async function ok<TData, TError>(
  call: Result<TData, TError> | Promise<Result<TData, TError>>,
): Promise<TData> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new Error(`expected success, got ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

const DAY = 86_400_000;
const PASSWORD = 'correct-horse-battery-9';

describe('the generated SDK: risk workflows', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: Client;

  const anonymous = (): Client => createClient(createConfig({ baseUrl }));

  async function signIn(email: string, password: string): Promise<Client & { me: string }> {
    const tokens: LoginResponse = await ok(
      login({ client: anonymous(), body: { email, password } }),
    );
    return Object.assign(createClient(createConfig({ baseUrl, auth: () => tokens.accessToken })), {
      me: tokens.user.id,
    });
  }

  async function userOf(role: 'manager' | 'analyst'): Promise<Client & { me: string }> {
    const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@rct.test`;
    await ok(
      createUser({
        client: admin,
        body: { email, password: PASSWORD, fullName: `SDK ${role}`, role },
      }),
    );
    return signIn(email, PASSWORD);
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => t.close());

  it('should review, accept, decide, revoke and read the history with typed calls', async () => {
    const analyst = await userOf('analyst');
    const manager = await userOf('manager');
    const risk = await ok(
      createRisk({
        client: admin,
        body: {
          title: 'Vendor portal without SSO',
          category: 'Vendor',
          ownerId: analyst.me,
          likelihood: 4,
          impact: 4,
        },
      }),
    );
    expect(risk.reviewIntervalDays).toBe(90);

    const outcome: RiskReviewOutcome = 'reassessed';
    const review = await ok(
      createRiskReview({
        client: analyst,
        path: { id: risk.id },
        body: { outcome, notes: 'SSO rollout slipped a quarter.' },
      }),
    );
    expect(review).toMatchObject({ riskId: risk.id, outcome, inherentScore: 16 });
    const reviews = await ok(listRiskReviews({ client: manager, path: { id: risk.id } }));
    expect(reviews.items.map((item) => item.id)).toEqual([review.id]);

    const acceptance = await ok(
      createRiskAcceptance({
        client: analyst,
        path: { id: risk.id },
        body: {
          justification: 'SSO arrives with the next contract.',
          expiresAt: new Date(Date.now() + 90 * DAY).toISOString(),
        },
      }),
    );
    const requested: RiskAcceptanceStatus = 'requested';
    expect(acceptance.status).toBe(requested);

    const { error, response } = await decideRiskAcceptance({
      client: admin,
      path: { id: acceptance.id },
      body: { decision: 'approved' },
      headers: { 'If-Match': '"9"' },
    });
    expect(response.status).toBe(412);
    expect(error?.status).toBe(412);

    const approved = await ok(
      decideRiskAcceptance({
        client: manager,
        path: { id: acceptance.id },
        body: { decision: 'approved', comment: 'Until the contract renewal.' },
        headers: { 'If-Match': `"${acceptance.version}"` },
      }),
    );
    expect(approved).toMatchObject({ status: 'approved', decidedById: manager.me });
    expect(await ok(getRisk({ client: analyst, path: { id: risk.id } }))).toMatchObject({
      status: 'accepted',
      treatment: 'accept',
    });
    const listed = await ok(
      listRiskAcceptances({ client: analyst, query: { riskId: risk.id, status: 'approved' } }),
    );
    expect(listed.items.map((item) => item.id)).toEqual([acceptance.id]);

    const separation = await revokeRiskAcceptance({
      client: analyst,
      path: { id: acceptance.id },
      body: {},
    });
    expect(separation.response.status).toBe(403);
    const revoked = await ok(
      revokeRiskAcceptance({
        client: admin,
        path: { id: acceptance.id },
        body: { comment: 'Done' },
      }),
    );
    expect(revoked.status).toBe('revoked');
    expect(
      (await ok(getRiskAcceptance({ client: analyst, path: { id: acceptance.id } }))).revokedById,
    ).toBe(revoked.revokedById);

    const history = await ok(getRiskHistory({ client: analyst, path: { id: risk.id } }));
    expect(history.items.map((item) => item.action)).toEqual([
      'create',
      'review',
      'acceptance_decision',
      'acceptance_revoke',
    ]);
    expect(history.nextCursor).toBeNull();
    const asOfReview = await ok(
      getRisk({
        client: analyst,
        path: { id: risk.id },
        query: { asOf: history.items[1].occurredAt },
      }),
    );
    expect(asOfReview).toMatchObject({ status: 'open', lastReviewedAt: review.reviewedAt });

    const due = await ok(listRisks({ client: analyst, query: { reviewDue: true, limit: 100 } }));
    expect(due.items.map((item) => item.id)).not.toContain(risk.id);
  });
});
