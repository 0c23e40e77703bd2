import { csvRecord, ExportFormat, ndjsonLine } from '@rct/common';
import {
  copyTextRowBatches,
  CopyTextField,
  exportColumns,
  exportFields,
  exportLineWriter,
  exportValuesSql,
  field,
} from '@rct/database';
import { escapeLiteral, Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { parse } from 'csv-parse/sync';
import { AuditOutcome } from '../libs/audit/src/audit-vocabulary';
import { UserRole } from '../libs/auth/src/roles/user-role.enum';
import { ControlEffectiveness } from '../libs/control/src/enums/control-effectiveness.enum';
import { ControlImplementationStatus } from '../libs/control/src/enums/control-implementation-status.enum';
import { ControlType } from '../libs/control/src/enums/control-type.enum';
import { EvidenceKind } from '../libs/evidence/src/enums/evidence-kind.enum';
import { EvidenceReviewStatus } from '../libs/evidence/src/enums/evidence-review-status.enum';
import { RiskSeverity } from '../libs/risk/src/enums/risk-severity.enum';
import { RiskStatus } from '../libs/risk/src/enums/risk-status.enum';
import { RiskTreatment } from '../libs/risk/src/enums/risk-treatment.enum';
import { RiskAcceptanceStatus } from '../libs/risk-workflow/src/enums/risk-acceptance-status.enum';
import { TaskPriority } from '../libs/task/src/enums/task-priority.enum';
import { TaskStatus } from '../libs/task/src/enums/task-status.enum';
import { UserKind } from '../libs/user/src/enums/user-kind.enum';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { createControl, createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

/** A list item with a field of every kind an export renders. */
interface Sample {
  id: string;
  note: string | null;
  count: number | null;
  flag: boolean | null;
  at: string | null;
  tags: string[] | null;
  extra: Record<string, unknown> | null;
}

const FIELDS = exportFields<Sample>({
  id: field.text('s.id'),
  note: field.text('s.note'),
  count: field.integer('s.count'),
  flag: field.boolean('s.flag'),
  at: field.timestamp('s.at'),
  tags: field.textArray('s.tags'),
  extra: field.jsonObject('s.extra'),
});

const NOTES = [
  null,
  '',
  'plain',
  'Comma, inside',
  'Say "quoted" twice ""',
  '"',
  ',',
  'Line one\nline two\r\nline three',
  '\r starts with CR',
  '\tstarts with a tab',
  '=HYPERLINK("https://evil.example","click")',
  '+SUM(A1:A2)',
  '-2+3',
  '@cmd',
  'a = b, not a formula',
  "it's fine",
  "'already quoted",
  'back\\slash',
  'control \u0001 char',
  'Ünïcödé — 日本語 🚀',
  'semi;colon',
  'trailing space ',
];
const COUNTS = [null, 0, 7, -3, 32_767, -1];
const FLAGS = [true, false, null];
const TIMES = [
  null,
  '2026-01-02T03:04:05Z',
  '2026-01-02T03:04:05.12Z',
  '2026-01-02T03:04:05.123456+02:00',
  '1999-12-31T23:59:59.999999Z',
  '2026-06-01T00:00:00.000001Z',
  '1970-01-01T00:00:00.029Z',
];
const TAGS = [
  null,
  [],
  ['one'],
  ['a,b', '=c'],
  ['x', null, 'y'],
  ['Ü "q"', 'line\nbreak'],
  ['-neg', '@at'],
];
const EXTRAS = [
  null,
  {},
  { a: 1 },
  { 'k: v': 'x, y', nested: { list: [1, 2.5, 's', null], t: true, f: false, n: null } },
  { quote: 'say "hi"\n\\', tab: '\t', ctl: '\u001f' },
  { ü: '日本語 🚀', '=formula': '+1' },
  { status: { from: 'open', to: 'closed' }, score: { from: 12, to: 0.5 } },
];

/** Every combination of a note with the other kinds, cycling through their cases. */
const SAMPLES = NOTES.map((note, index) => ({
  id: String(index).padStart(3, '0'),
  note,
  count: COUNTS[index % COUNTS.length],
  flag: FLAGS[index % FLAGS.length],
  at: TIMES[index % TIMES.length],
  tags: TAGS[index % TAGS.length],
  extra: EXTRAS[index % EXTRAS.length],
}));

/**
 * Each database enum, with the TypeScript enum a list item's field carries: PostgreSQL
 * renders the label, so every label must be the API's value.
 */
const ENUMS: [string, Record<string, string>][] = [
  ['risk_severity', RiskSeverity],
  ['risk_status', RiskStatus],
  ['risk_treatment', RiskTreatment],
  ['control_type', ControlType],
  ['control_implementation_status', ControlImplementationStatus],
  ['control_effectiveness', ControlEffectiveness],
  ['evidence_kind', EvidenceKind],
  ['evidence_review_status', EvidenceReviewStatus],
  ['task_status', TaskStatus],
  ['task_priority', TaskPriority],
  ['risk_acceptance_status', RiskAcceptanceStatus],
  ['user_role', UserRole],
  ['user_kind', UserKind],
  ['audit_outcome', AuditOutcome],
];

describe('export rendering', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The rows of `sql` as an export reads them: through COPY's text format. */
  async function copyRows(sql: string): Promise<CopyTextField[][]> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      const rows: CopyTextField[][] = [];
      const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT`));
      for await (const batch of copyTextRowBatches(copy)) rows.push(...batch);
      return rows;
    } finally {
      await client.end();
    }
  }

  /** The samples as rows: written as `format`, and as pg hands the columns to the mapper. */
  async function render(format: ExportFormat) {
    const from = `FROM jsonb_to_recordset(${escapeLiteral(JSON.stringify(SAMPLES))}::jsonb)
         AS s(id text, note text, count integer, flag boolean, at timestamptz, tags text[], extra jsonb)
       ORDER BY s.id`;
    const write = exportLineWriter(FIELDS, format);
    const values = exportValuesSql(FIELDS, format).join(', ');
    const lines = (await copyRows(`SELECT ${values} ${from}`)).map(write);
    const items = await t.sql<Record<string, unknown>>(`SELECT s.* ${from}`);
    expect(lines).toHaveLength(items.length);
    return lines.map((line, index) => ({ line, item: asListItem(items[index]) }));
  }

  /** What a list mapper writes from the columns pg parsed: Dates as toISOString. */
  function asListItem(columns: Record<string, unknown>): Sample {
    const at = columns.at as Date | null;
    return { ...(columns as unknown as Sample), at: at?.toISOString() ?? null };
  }

  it('should write each CSV record exactly as csvRecord writes the list item', async () => {
    const rendered = await render(ExportFormat.Csv);
    expect(rendered).toHaveLength(SAMPLES.length);
    const columns = exportColumns(FIELDS);
    for (const { line, item } of rendered) {
      expect(line).toBe(csvRecord(columns.map((column) => item[column])));
    }
    const cells = parse(rendered.map(({ line }) => line).join(''), { relaxQuotes: false });
    expect(cells).toHaveLength(SAMPLES.length);
    expect(cells[10][1]).toBe(`'=HYPERLINK("https://evil.example","click")`);
    expect(cells[19][1]).toBe('Ünïcödé — 日本語 🚀');
  });

  it('should write each NDJSON line as the list item, byte for byte but for JSON blanks', async () => {
    const rendered = await render(ExportFormat.Ndjson);
    expect(rendered).toHaveLength(SAMPLES.length);
    for (const { line, item } of rendered) {
      expect(line.endsWith('}\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(JSON.parse(line)).toEqual(item);
      // Objects come as PostgreSQL writes jsonb (a blank after ':' and ','); all else as
      // JSON.stringify writes it.
      if (item.extra === null) expect(line).toBe(ndjsonLine(item));
    }
  });

  it('should keep the milliseconds of a timestamp as the mapper does, truncated', async () => {
    const rendered = await render(ExportFormat.Ndjson);
    const times = rendered.map(({ line }) => (JSON.parse(line) as Sample).at);
    expect(times).toEqual(expect.arrayContaining(['2026-01-02T03:04:05.000Z']));
    expect(times).toEqual(expect.arrayContaining(['2026-01-02T01:04:05.123Z']));
    expect(times).toEqual(expect.arrayContaining(['1999-12-31T23:59:59.999Z']));
    expect(times).toEqual(expect.arrayContaining(['1970-01-01T00:00:00.029Z']));
  });

  it('should write any timestamp as toISOString writes the Date pg parses', async () => {
    const rows = await t.sql<{ at: Date; iso: string }>(
      `SELECT v AS at, iso_millis(v) AS iso
       FROM generate_series('1890-01-01'::timestamptz, '2100-01-01',
         interval '97 days 3 hours 17 minutes 13.123457 seconds') v`,
    );
    expect(rows.length).toBeGreaterThan(700);
    expect(rows.filter(({ at, iso }) => iso !== at.toISOString())).toEqual([]);
  });

  it.each(ENUMS)('should render every %s label as the API value', async (type, values) => {
    const fields = exportFields<{ label: string }>({ label: field.token('s.label') });
    const rows = await copyRows(
      `SELECT s.label::text, ${exportValuesSql(fields, ExportFormat.Csv)[0]},
         ${exportValuesSql(fields, ExportFormat.Ndjson).join(', ')}
       FROM unnest(enum_range(NULL::${type})) AS s(label)`,
    );
    expect(rows.map(([label]) => label).sort()).toEqual(Object.values(values).sort());
    const csv = exportLineWriter(fields, ExportFormat.Csv);
    const json = exportLineWriter(fields, ExportFormat.Ndjson);
    for (const [label, record, ...labelValues] of rows) {
      expect(csv([record])).toBe(csvRecord([label]));
      expect(json(labelValues)).toBe(ndjsonLine({ label }));
    }
  });

  describe('through the API', () => {
    let admin: Session;

    beforeAll(async () => {
      admin = await loginAdmin(t);
      await createUserAndLogin(t, admin, 'viewer');
      const risk = await createRisk(t, admin, { title: 'Files, "quoted"' });
      const control = await createControl(t, admin, risk.id);
      for (const [title, validUntil] of [
        ['=expired', '2020-01-01T00:00:00.5Z'],
        ['still valid', '2999-01-01T00:00:00Z'],
        ['no end', undefined],
      ]) {
        const evidence = await t.http
          .post('/api/v1/evidence')
          .set(...bearer(admin))
          .send({
            controlId: control.id,
            title,
            kind: 'document',
            collectedAt: '2019-12-31T23:59:59.999Z',
            validUntil,
          });
        expect(evidence.status).toBe(201);
        if (validUntil) {
          const upload = await t.http
            .put(`/api/v1/evidence/${evidence.body.id}/file`)
            .set(...bearer(admin))
            .attach('file', Buffer.from(`bytes of ${title}`), {
              filename: 'Ünïcödé, report.pdf',
              contentType: 'application/pdf',
            });
          expect(upload.status).toBe(200);
        }
      }
    });

    /** Each list in an order of its own fields. */
    const SORT: Record<string, string> = { '/api/v1/evidence': 'title', '/api/v1/users': 'email' };

    async function listed(path: string): Promise<Record<string, unknown>[]> {
      const res = await t.http.get(`${path}?sort=${SORT[path]}&limit=100`).set(...bearer(admin));
      expect(res.status).toBe(200);
      return res.body.items as Record<string, unknown>[];
    }

    async function exported(path: string, format: ExportFormat): Promise<string> {
      const res = await t.http
        .get(`${path}/export?sort=${SORT[path]}&format=${format}`)
        .set(...bearer(admin))
        .buffer(true)
        .parse((stream, done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        });
      expect(res.status).toBe(200);
      return res.body as string;
    }

    it.each(['/api/v1/evidence', '/api/v1/users'])(
      'should export %s byte for byte as csvRecord writes the list items',
      async (path) => {
        const items = await listed(path);
        expect(items.length).toBeGreaterThanOrEqual(2);
        const columns = Object.keys(items[0]);
        const expected = [columns, ...items.map((item) => columns.map((column) => item[column]))]
          .map((record) => csvRecord(record))
          .join('');
        expect(await exported(path, ExportFormat.Csv)).toBe(expected);
      },
    );

    it.each(['/api/v1/evidence', '/api/v1/users'])(
      'should export %s as NDJSON lines that parse to the list items',
      async (path) => {
        const items = await listed(path);
        const lines = (await exported(path, ExportFormat.Ndjson)).split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(items);
      },
    );

    it('should judge expired and write the file of evidence as the list does', async () => {
      const items = await listed('/api/v1/evidence');
      expect(items.map(({ title, expired }) => [title, expired])).toEqual([
        ['=expired', true],
        ['no end', false],
        ['still valid', false],
      ]);
      expect(items[0].file).toMatchObject({ name: 'Ünïcödé, report.pdf', size: 17 });
      expect(items[1].file).toBeNull();
    });
  });
});
