import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import {
  attachment,
  csvRecord,
  EXPORT_CONTENT_TYPES,
  EXPORT_EXTENSIONS,
  exportFileName,
  ExportFormat,
  ndjsonLine,
} from '@rct/common';
import { ExportOutcome, Snapshot, SnapshotExporter } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { AuditRecorder } from '../audit-recorder';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';
import { RequestFacts } from '../request-facts';

/** One export of a resource's list: what it reads, and how a row becomes a list item. */
export interface ResourceExport<Row, Item> {
  /** The route's resource, as the file is named: `risks` gives `risks-<yyyymmdd>.csv`. */
  resource: string;
  /** What the audit event names as exported; null for the audit trail itself. */
  entityType: AuditEntityType | null;
  format: ExportFormat;
  /** The list filters the client sent (recorded in the audit event). */
  filters: object;
  /** The list item's fields in order: the CSV header and each record's cells. */
  columns: readonly (keyof Item & string)[];
  /** The rows, through a cursor in the snapshot, in the list's order. */
  rows: (snapshot: Snapshot) => AsyncIterable<Row>;
  /** The list's own mapper, so an exported item is exactly a list item. */
  toItem: (row: Row) => Item;
}

/**
 * The one way a list leaves the API whole: streamed from one snapshot (SnapshotExporter) as
 * CSV or NDJSON, named `<resource>-<yyyymmdd>.<ext>`, and audited once it ends (`export`,
 * with the filters, the format and the row count; outcome `failed` if it was cut short).
 */
@Injectable()
export class ResourceExporter {
  private readonly logger = new Logger('Export');

  constructor(
    private readonly exporter: SnapshotExporter,
    private readonly recorder: AuditRecorder,
    private readonly cls: ClsService,
  ) {}

  async export<Row, Item>(
    plan: ResourceExport<Row, Item>,
    facts: RequestFacts,
  ): Promise<StreamableFile> {
    const { columns, toItem } = plan;
    const csv = plan.format === ExportFormat.Csv;
    const content = await this.exporter.open({
      rows: plan.rows,
      head: csv ? csvRecord(columns) : undefined,
      format: csv
        ? (row) => {
            const item = toItem(row);
            return csvRecord(columns.map((column) => item[column]));
          }
        : (row) => ndjsonLine(toItem(row)),
      onEnd: (outcome) => this.audit(plan, facts, outcome),
    });
    const fileName = exportFileName(plan.resource, EXPORT_EXTENSIONS[plan.format]);
    return new StreamableFile(content, {
      type: EXPORT_CONTENT_TYPES[plan.format],
      disposition: attachment(fileName),
    });
  }

  /** In a context of its own: the request's may be over by the time the last row is sent. */
  private async audit<Row, Item>(
    plan: ResourceExport<Row, Item>,
    facts: RequestFacts,
    outcome: ExportOutcome,
  ): Promise<void> {
    try {
      await this.cls.run(() =>
        this.recorder.recordApart(
          facts,
          outcome.completed ? AuditOutcome.Success : AuditOutcome.Failed,
          200,
          {
            action: AuditAction.Export,
            entityType: plan.entityType,
            entityId: null,
            changes: {
              format: { from: null, to: plan.format },
              filters: { from: null, to: definedFilters(plan.filters) },
              rows: { from: null, to: outcome.rows },
              ...(outcome.timedOut ? { timedOut: { from: null, to: true } } : {}),
            },
          },
        ),
      );
    } catch (error) {
      this.logger.error(
        `Export of ${outcome.rows} ${plan.resource} was not audited: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** The filters that were sent, dates as ISO 8601 (undefined means "not sent"). */
function definedFilters(filters: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]),
  );
}
