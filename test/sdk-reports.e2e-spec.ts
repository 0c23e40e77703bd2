import { parse } from 'csv-parse/sync';
import {
  createRisk,
  createUser,
  exportAuditEvents,
  exportRisks,
  exportUsers,
  getRegisterSummary,
  getRiskHeatmap,
  listRiskOwners,
  listRisks,
  login,
  type LoginResponse,
} from './sdk/generated';
import { type Client, createClient, createConfig } from './sdk/generated/client';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

/** Reports and exports driven only through the generated SDK, over real HTTP. */

type Result<TData> = { data?: TData; error?: unknown; response: Response };

async function ok<TData>(call: Promise<Result<TData>>): Promise<TData> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new Error(`expected success, got ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

describe('the generated SDK: reports and exports', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: Client;
  let adminUser: LoginResponse['user'];
  let viewer: Client;

  async function signIn(email: string, password: string) {
    const anonymous = createClient(createConfig({ baseUrl }));
    const tokens = await ok(login({ client: anonymous, body: { email, password } }));
    const client = createClient(createConfig({ baseUrl, auth: () => tokens.accessToken }));
    return { client, user: tokens.user };
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    ({ client: admin, user: adminUser } = await signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const password = 'viewer-password-0001';
    await ok(
      createUser({
        client: admin,
        body: { email: 'viewer@rct.test', password, fullName: 'Vi Ewer', role: 'viewer' },
      }),
    );
    ({ client: viewer } = await signIn('viewer@rct.test', password));
    for (const [title, likelihood, impact] of [
      ['Supplier, "critical"', 5, 5],
      ['=cmd|calc', 2, 3],
      ['Datenschutz – Ärger', 4, 4],
    ] as const) {
      await ok(
        createRisk({
          client: admin,
          body: { title, category: 'SDK', ownerId: adminUser.id, likelihood, impact },
        }),
      );
    }
  });

  afterAll(() => t.close());

  it('should read the summary, the heat map and the owners as typed data', async () => {
    const summary = await ok(getRegisterSummary({ client: viewer, query: { category: 'SDK' } }));
    expect(summary.risks.total).toBe(3);
    expect(summary.risks.bySeverity).toEqual({ low: 0, medium: 1, high: 1, critical: 1 });
    expect(summary.tasks.overdueByPriority).toEqual({ low: 0, medium: 0, high: 0, urgent: 0 });

    const heatmap = await ok(getRiskHeatmap({ client: viewer, query: { basis: 'inherent' } }));
    expect(heatmap.cells).toHaveLength(25);
    expect(heatmap.total).toBe(3);
    expect(heatmap.cells.find((cell) => cell.likelihood === 5 && cell.impact === 5)).toEqual({
      likelihood: 5,
      impact: 5,
      score: 25,
      severity: 'critical',
      count: 1,
    });

    const owners = await ok(listRiskOwners({ client: viewer }));
    expect(owners.items).toEqual([expect.objectContaining({ ownerId: adminUser.id, risks: 3 })]);
  });

  it('should download a CSV export whose records are the list items', async () => {
    const download = await exportRisks({
      client: viewer,
      query: { category: 'SDK', sort: 'title', format: 'csv' },
      parseAs: 'text',
    });
    expect(download.response.status).toBe(200);
    expect(download.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="risks-\d{8}\.csv"$/,
    );
    const [header, ...rows] = parse(download.data as unknown as string);
    const list = await ok(
      listRisks({ client: viewer, query: { category: 'SDK', sort: 'title', limit: 100 } }),
    );
    expect(header).toEqual(Object.keys(list.items[0]));
    expect(rows.map((row) => row[header.indexOf('title')])).toEqual(
      list.items.map((risk) => (risk.title.startsWith('=') ? `'${risk.title}` : risk.title)),
    );
  });

  it('should download NDJSON, and refuse admin-only exports to a viewer', async () => {
    const download = await exportRisks({
      client: viewer,
      query: { category: 'SDK', format: 'ndjson' },
      parseAs: 'text',
    });
    const lines = (download.data as unknown as string).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { category: string }).category)).toEqual([
      'SDK',
      'SDK',
      'SDK',
    ]);

    const users = await exportUsers({ client: viewer });
    expect(users.response.status).toBe(403);
    expect(users.error).toMatchObject({ status: 403 });
    const trail = await exportAuditEvents({ client: admin, parseAs: 'text' });
    expect(trail.response.status).toBe(200);
    expect(trail.response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  });
});
