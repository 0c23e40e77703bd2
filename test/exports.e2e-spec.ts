import { parse } from 'csv-parse/sync';
import type { Response } from 'supertest';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createControl, createEvidence, createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

type Item = Record<string, unknown>;

interface Download {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Reads the body as bytes, whatever its media type. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** What a spreadsheet user should read in the cell of `value`, per DESIGN "Reports and export". */
function expectedCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (Array.isArray(value)) text = value.join(';');
  else text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Values written to catch quoting, encoding and formula handling. */
const HOSTILE = [
  'Comma, inside',
  'Say "quoted" twice ""',
  'Line one\nline two\r\nline three',
  'Ünïcödé — 日本語 🚀',
  '=HYPERLINK("https://evil.example","click")',
  '+SUM(A1:A2)',
  '-2+3',
  '@cmd',
];

describe('exports', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    manager = await createUserAndLogin(t, admin, 'manager');
    viewer = await createUserAndLogin(t, admin, 'viewer');
    for (const [index, text] of HOSTILE.entries()) {
      const risk = await createRisk(t, manager, {
        title: text,
        description: `\t${text}\rend`,
        category: index % 2 ? 'Export, odd' : 'Export even',
        status: index % 3 ? 'open' : 'monitoring',
        likelihood: (index % 5) + 1,
        impact: 5 - (index % 5),
        residualLikelihood: index % 2 ? 1 : undefined,
        residualImpact: index % 2 ? 2 : undefined,
        nextReviewAt: index % 2 ? '2027-01-02T03:04:05.000Z' : undefined,
      });
      const control = await createControl(t, manager, risk.id, {
        title: text,
        frameworkRefs: ['ISO27001:A.8.15', 'SOC2:CC6.1'],
      });
      await createEvidence(t, manager, control.id);
      const acceptance = await t.http
        .post(`/api/v1/risks/${risk.id}/acceptances`)
        .set(...bearer(manager))
        .send({
          justification: `${text} (accepted while the export is tested)`,
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        });
      expect(acceptance.status).toBe(201);
      const task = await t.http
        .post('/api/v1/tasks')
        .set(...bearer(manager))
        .send({ riskId: risk.id, title: text, dueAt: '2026-06-01T00:00:00Z' });
      expect(task.status).toBe(201);
    }
  });

  afterAll(() => t.close());

  async function download(session: Session, url: string): Promise<Download> {
    const res = await t.http
      .get(url)
      .set(...bearer(session))
      .buffer(true)
      .parse(binary);
    return {
      status: res.status,
      headers: res.headers,
      body: res.body as Buffer,
    };
  }

  async function listAll(session: Session, url: string): Promise<Item[]> {
    const separator = url.includes('?') ? '&' : '?';
    const res = await t.http.get(`${url}${separator}limit=100`).set(...bearer(session));
    expect(res.status).toBe(200);
    expect(res.body.total).toBeLessThanOrEqual(100);
    return res.body.items as Item[];
  }

  /** The CSV, parsed by a real RFC 4180 parser, against the list's items. */
  function expectCsvOf(body: Buffer, items: Item[]): void {
    const records = parse(body.toString('utf8'));
    const [header, ...rows] = records;
    expect(header).toEqual(Object.keys(items[0]));
    expect(rows).toEqual(items.map((item) => header.map((field) => expectedCell(item[field]))));
  }

  const RESOURCES: [string, string][] = [
    ['risks', 'sort=title'],
    ['controls', 'sort=title'],
    ['evidence', 'sort=title'],
    ['tasks', 'sort=title'],
    ['risk-acceptances', 'status=requested'],
  ];

  describe.each(RESOURCES)('%s', (resource, query) => {
    it('should export as CSV exactly the list items, quoted, with formulas defused', async () => {
      const items = await listAll(viewer, `/api/v1/${resource}?${query}`);
      expect(items.length).toBeGreaterThanOrEqual(HOSTILE.length);
      const res = await download(viewer, `/api/v1/${resource}/export?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${resource}-${day}.csv"`,
      );
      expectCsvOf(res.body, items);
    });

    it('should export as NDJSON one list item per line, in the list order', async () => {
      const items = await listAll(viewer, `/api/v1/${resource}?${query}`);
      const res = await download(viewer, `/api/v1/${resource}/export?${query}&format=ndjson`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = res.body.toString('utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.map((line) => JSON.parse(line) as Item)).toEqual(items);
    });
  });

  it('should quote, defuse and keep non-ASCII text in the cells a spreadsheet shows', async () => {
    const res = await download(viewer, '/api/v1/risks/export?sort=title');
    const text = res.body.toString('utf8');
    expect(text).toContain('"Comma, inside"');
    expect(text).toContain('"Say ""quoted"" twice """""');
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""click"")"`);
    expect(text).toContain(`'+SUM(A1:A2)`);
    expect(text).toContain('Ünïcödé — 日本語 🚀');
    expect(text.split('\r\n')[0]).toBe(
      'id,title,description,category,ownerId,likelihood,impact,inherentScore,severity,' +
        'residualLikelihood,residualImpact,residualScore,residualSeverity,status,treatment,' +
        'nextReviewAt,reviewIntervalDays,lastReviewedAt,createdAt,updatedAt,version',
    );
  });

  it('should apply the list filters, search and sort to the export', async () => {
    for (const query of [
      'status=monitoring&sort=-inherentScore',
      `category=${encodeURIComponent('Export, odd')}&sort=title`,
      'severity=high&sort=createdAt',
    ]) {
      const items = await listAll(viewer, `/api/v1/risks?${query}`);
      const res = await download(viewer, `/api/v1/risks/export?${query}`);
      expect(res.status).toBe(200);
      const rows = parse(res.body.toString('utf8')).slice(1);
      expect(rows.map((row) => row[0])).toEqual(items.map((item) => item.id));
    }
  });

  it('should answer a header row and nothing else when no item matches', async () => {
    const res = await download(viewer, '/api/v1/risks/export?category=none-such');
    expect(res.status).toBe(200);
    expect(parse(res.body.toString('utf8'))).toEqual([
      expect.arrayContaining(['id', 'title', 'version']),
    ]);
  });

  it('should refuse an unknown format or paging with a problem naming the field', async () => {
    for (const [query, field] of [
      ['format=xlsx', 'format'],
      ['limit=5', 'limit'],
    ]) {
      const res = await t.http.get(`/api/v1/risks/export?${query}`).set(...bearer(viewer));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
  });

  it('should let any reader export risks, and only admins export users and audit events', async () => {
    expect((await download(viewer, '/api/v1/risks/export')).status).toBe(200);
    const denied = (session: Session, url: string) => t.http.get(url).set(...bearer(session));
    expect((await denied(viewer, '/api/v1/users/export')).status).toBe(403);
    expect((await denied(manager, '/api/v1/users/export')).status).toBe(403);
    expect((await denied(viewer, '/api/v1/audit-events/export')).status).toBe(403);
    expect((await denied(manager, '/api/v1/audit-events/export')).status).toBe(403);
    expect((await t.http.get('/api/v1/risks/export')).status).toBe(401);

    const users = await listAll(admin, '/api/v1/users?sort=email');
    const res = await download(admin, '/api/v1/users/export?sort=email');
    expect(res.status).toBe(200);
    expectCsvOf(res.body, users);
  });

  it('should export audit events through the list filters, as CSV too', async () => {
    const res = await download(
      admin,
      `/api/v1/audit-events/export?format=csv&entityType=risk&action=create`,
    );
    expect(res.status).toBe(200);
    const [header, ...rows] = parse(res.body.toString('utf8'));
    expect(header.slice(0, 3)).toEqual(['id', 'seq', 'occurredAt']);
    expect(rows).toHaveLength(HOSTILE.length);
    const seqs = rows.map((row) => Number(row[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(rows.map((row) => row[header.indexOf('action')]))).toEqual(new Set(['create']));
  });

  it('should audit each export with its format, filters and row count', async () => {
    const res = await download(viewer, '/api/v1/risks/export?status=monitoring&format=ndjson');
    const sent = res.body.toString('utf8').trimEnd().split('\n').length;
    const requestId = res.headers['x-request-id'];
    let events: Item[] = [];
    const deadline = Date.now() + 5_000;
    while (events.length === 0 && Date.now() < deadline) {
      events = (
        await t.http
          .get(`/api/v1/audit-events?requestId=${encodeURIComponent(requestId)}`)
          .set(...bearer(admin))
      ).body.items as Item[];
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'export',
      outcome: 'success',
      entityType: 'risk',
      entityId: null,
      actorId: viewer.user.id,
      route: '/api/v1/risks/export',
      changes: {
        format: { from: null, to: 'ndjson' },
        filters: { from: null, to: { status: 'monitoring', sort: '-inherentScore' } },
        rows: { from: null, to: sent },
      },
    });
  });

  /**
   * Filter values that would break or change a statement they were pasted into unescaped (an
   * export's parameters are written into its COPY statement as literals).
   */
  const HOSTILE_FILTERS = [
    `O'Brien`,
    `back\\slash \\' \\\\ end`,
    `$1 $2 :q $$ $tag$`,
    `100% _x_`,
    `Ünïcödé 日本語 🚀`,
    `'); SELECT pg_sleep(5); --`,
    `E'\\x41' /* comment`,
  ];

  it('should export what the list answers for filters holding quotes, backslashes and $n', async () => {
    for (const [index, value] of HOSTILE_FILTERS.entries()) {
      await createRisk(t, manager, { title: `Hostile filter ${index}: ${value}`, category: value });
    }
    const ndjson = (body: Buffer): Item[] =>
      body
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Item);
    let searched = 0;
    for (const value of HOSTILE_FILTERS) {
      const filter = encodeURIComponent(value);
      for (const [resource, query, session] of [
        ['risks', `category=${filter}`, viewer],
        ['risks', `q=${filter}`, viewer],
        ['users', `q=${filter}`, admin],
      ] as const) {
        const items = await listAll(session, `/api/v1/${resource}?${query}`);
        const res = await download(session, `/api/v1/${resource}/export?${query}&format=ndjson`);
        expect(res.status).toBe(200);
        expect(ndjson(res.body)).toEqual(items);
        if (query.startsWith('category=')) expect(items).toHaveLength(1);
        if (resource === 'risks' && query.startsWith('q=')) searched += items.length;
      }
    }
    expect(searched).toBeGreaterThan(0);

    // The pool is whole and the database untouched: every value was only ever a value.
    const risks = await t.http.get('/api/v1/risks?limit=1').set(...bearer(viewer));
    expect(risks.status).toBe(200);
  });
});
