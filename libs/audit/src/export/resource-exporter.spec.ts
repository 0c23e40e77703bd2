import { ExportFormat } from '@rct/common';
import {
  exportFields,
  exportValuesSql,
  ExportPlan,
  ExportQuery,
  field,
  SnapshotExporter,
} from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { Readable } from 'node:stream';
import { AuditRecorder } from '../audit-recorder';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';
import { RequestFacts } from '../request-facts';
import { ResourceExporter } from './resource-exporter';

interface Item {
  id: string;
  tags: string[];
}

const FIELDS = exportFields<Item>({
  id: field.text('item.id'),
  tags: field.textArray('item.tags'),
});

describe(ResourceExporter.name, () => {
  let plans: ExportPlan[];
  let recorder: jest.Mocked<Pick<AuditRecorder, 'recordApart'>>;
  let exporter: ResourceExporter;
  const facts = { requestId: 'r-1' } as RequestFacts;

  beforeEach(() => {
    plans = [];
    const snapshots = {
      open: jest.fn((plan: ExportPlan) => {
        plans.push(plan);
        return Promise.resolve(Readable.from([]));
      }),
    };
    recorder = { recordApart: jest.fn().mockResolvedValue(undefined) };
    const cls = { run: (work: () => unknown) => work() };
    exporter = new ResourceExporter(
      snapshots as unknown as SnapshotExporter,
      recorder as unknown as AuditRecorder,
      cls as unknown as ClsService,
    );
  });

  const selected: ExportQuery = { sql: 'SELECT v0, v1 FROM items WHERE a = $1', parameters: ['a'] };
  let query: jest.Mock<ExportQuery, [string[]]>;

  function exportAs(format: ExportFormat) {
    query = jest.fn<ExportQuery, [string[]]>(() => selected);
    return exporter.export(
      {
        resource: 'risks',
        entityType: AuditEntityType.Risk,
        format,
        filters: { status: 'open', ownerId: undefined, from: new Date('2026-01-01T00:00:00Z') },
        fields: FIELDS,
        query,
      },
      facts,
    );
  }

  describe('export', () => {
    it('should write a CSV header of the fields, then each record PostgreSQL rendered', async () => {
      const file = await exportAs(ExportFormat.Csv);
      const [plan] = plans;
      expect(plan.head).toBe('id,tags\r\n');
      expect(query).toHaveBeenCalledWith(exportValuesSql(FIELDS, ExportFormat.Csv));
      expect(plan.query).toBe(selected);
      expect(plan.write([`'=1+1,"a;b,c"`])).toBe(`'=1+1,"a;b,c"\r\n`);
      expect(file.getHeaders()).toMatchObject({
        type: 'text/csv; charset=utf-8',
        disposition: expect.stringMatching(/^attachment; filename="risks-\d{8}\.csv"$/),
      });
    });

    it('should write each row of values as an NDJSON line, without a header', async () => {
      const file = await exportAs(ExportFormat.Ndjson);
      const [plan] = plans;
      expect(plan.head).toBeUndefined();
      expect(query).toHaveBeenCalledWith(exportValuesSql(FIELDS, ExportFormat.Ndjson));
      expect(plan.query).toBe(selected);
      expect(plan.write(['a"1', null])).toBe('{"id":"a\\"1","tags":null}\n');
      expect(file.getHeaders().type).toBe('application/x-ndjson');
    });

    it('should audit the export once it ends, with the sent filters and the row count', async () => {
      await exportAs(ExportFormat.Csv);
      await plans[0].onEnd({ rows: 7, completed: false, timedOut: true });
      expect(recorder.recordApart).toHaveBeenCalledWith(facts, AuditOutcome.Failed, 200, {
        action: AuditAction.Export,
        entityType: AuditEntityType.Risk,
        entityId: null,
        changes: {
          format: { from: null, to: 'csv' },
          filters: { from: null, to: { status: 'open', from: '2026-01-01T00:00:00.000Z' } },
          rows: { from: null, to: 7 },
          timedOut: { from: null, to: true },
        },
      });
    });
  });
});
