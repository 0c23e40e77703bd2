import { bearer, Session } from './auth-helpers';
import { TestApp } from './test-app';

let sequence = 0;

export type Created = { id: string; version: number } & Record<string, unknown>;

export interface RiskBody {
  title: string;
  category: string;
  ownerId: string;
  likelihood: number;
  impact: number;
  [field: string]: unknown;
}

export function riskBody(ownerId: string, overrides: Partial<RiskBody> = {}): RiskBody {
  sequence += 1;
  return {
    title: `Risk ${sequence}`,
    category: 'Security',
    ownerId,
    likelihood: 3,
    impact: 4,
    ...overrides,
  };
}

export async function createRisk(
  t: TestApp,
  session: Session,
  overrides: Partial<RiskBody> = {},
): Promise<Created> {
  const res = await t.http
    .post('/api/v1/risks')
    .set(...bearer(session))
    .send(riskBody(session.user.id, overrides));
  if (res.status !== 201) throw new Error(`create risk failed: ${res.status} ${res.text}`);
  return res.body as Created;
}

export async function createControl(
  t: TestApp,
  session: Session,
  riskId: string,
  overrides: Record<string, unknown> = {},
): Promise<Created> {
  sequence += 1;
  const res = await t.http
    .post('/api/v1/controls')
    .set(...bearer(session))
    .send({
      riskId,
      code: `CT-${process.pid}-${sequence}`,
      title: `Control ${sequence}`,
      type: 'preventive',
      ownerId: session.user.id,
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`create control failed: ${res.status} ${res.text}`);
  return res.body as Created;
}

/** The audit events of one request, read as the admin. */
export async function auditEventsOf(
  t: TestApp,
  admin: Session,
  res: { headers: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const events = await t.http
    .get(`/api/v1/audit-events?requestId=${encodeURIComponent(res.headers['x-request-id'])}`)
    .set(...bearer(admin));
  return events.body.items as Record<string, unknown>[];
}

/** A link evidence on the control, created as `session`. */
export async function createEvidence(
  t: TestApp,
  session: Session,
  controlId: string,
): Promise<Created> {
  sequence += 1;
  const res = await t.http
    .post('/api/v1/evidence')
    .set(...bearer(session))
    .send({
      controlId,
      title: `Evidence ${sequence}`,
      kind: 'link',
      url: 'https://example.com/evidence',
      collectedAt: '2026-01-01T00:00:00Z',
    });
  if (res.status !== 201) throw new Error(`create evidence failed: ${res.status} ${res.text}`);
  return res.body as Created;
}
