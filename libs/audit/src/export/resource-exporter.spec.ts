import { ExportFormat } from '@rct/common';
import { ExportPlan, SnapshotExporter } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { Readable } from 'node:stream';
import { AuditRecorder } from '../audit-recorder';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';
import { RequestFacts } from '../request-facts';
import { ResourceExporter } from './resource-exporter';

interface Row {
  id: string;
  tags: string[];
}

describe(ResourceExporter.name, () => {
  let plans: ExportPlan<Row>[];
  let recorder: jest.Mocked<Pick<AuditRecorder, 'recordApart'>>;
  let exporter: ResourceExporter;
  const facts = { requestId: 'r-1' } as RequestFacts;

  beforeEach(() => {
    plans = [];
    const snapshots = {
      open: jest.fn((plan: ExportPlan<Row>) => {
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

  function exportAs(format: ExportFormat) {
    return exporter.export(
      {
        resource: 'risks',
        entityType: AuditEntityType.Risk,
        format,
        filters: { status: 'open', ownerId: undefined, from: new Date('2026-01-01T00:00:00Z') },
        columns: ['id', 'tags'],
        rows: async function* () {},
        toItem: (row: Row) => ({ id: row.id, tags: row.tags }),
      },
      facts,
    );
  }

  describe('export', () => {
    it('should write a CSV header of the columns, then one record per item', async () => {
      const file = await exportAs(ExportFormat.Csv);
      const [plan] = plans;
      expect(plan.head).toBe('id,tags\r\n');
      expect(plan.format({ id: '=1', tags: ['a', 'b'] })).toBe(`'=1,a;b\r\n`);
      expect(file.getHeaders()).toMatchObject({
        type: 'text/csv; charset=utf-8',
        disposition: expect.stringMatching(/^attachment; filename="risks-\d{8}\.csv"$/),
      });
    });

    it('should write one JSON item per line for NDJSON, without a header', async () => {
      const file = await exportAs(ExportFormat.Ndjson);
      const [plan] = plans;
      expect(plan.head).toBeUndefined();
      expect(plan.format({ id: 'x', tags: [] })).toBe('{"id":"x","tags":[]}\n');
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
