import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import {
  attachment,
  csvRecord,
  EXPORT_CONTENT_TYPES,
  EXPORT_EXTENSIONS,
  exportFileName,
  ExportFormat,
} from '@rct/common';
import {
  exportColumns,
  ExportFields,
  exportLineWriter,
  ExportOutcome,
  ExportQuery,
  exportValuesSql,
  SnapshotExporter,
} from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { AuditRecorder } from '../audit-recorder';
import { AuditAction, AuditEntityType, AuditOutcome } from '../audit-vocabulary';
import { RequestFacts } from '../request-facts';

/** One export of a resource's list: what it reads, and how a list item is written. */
export interface ResourceExport<Item> {
  /** The route's resource, as the file is named: `risks` gives `risks-<yyyymmdd>.csv`. */
  resource: string;
  /** What the audit event names as exported; null for the audit trail itself. */
  entityType: AuditEntityType | null;
  format: ExportFormat;
  /** The list filters the client sent (recorded in the audit event). */
  filters: object;
  /**
   * The list item's fields in order, each as SQL that yields what the list's mapper writes
   * (next to the repository): the CSV header and what each line is rendered from.
   */
  fields: ExportFields<Item>;
  /**
   * The statement selecting the list's rows, in the list's order, each as `values` (the SQL
   * expressions of its fields' values, from exportValuesSql).
   */
  query: (values: string[]) => ExportQuery;
}

/**
 * The one way a list leaves the API whole: streamed from one snapshot (SnapshotExporter) as
 * CSV or NDJSON, each line written from the values of the resource's export fields, named
 * `<resource>-<yyyymmdd>.<ext>`, and audited once it ends (`export`,
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

  async export<Item>(plan: ResourceExport<Item>, facts: RequestFacts): Promise<StreamableFile> {
    const content = await this.exporter.open({
      query: plan.query(exportValuesSql(plan.fields, plan.format)),
      write: exportLineWriter(plan.fields, plan.format),
      head: plan.format === ExportFormat.Csv ? csvRecord(exportColumns(plan.fields)) : undefined,
      onEnd: (outcome) => this.audit(plan, facts, outcome),
    });
    const fileName = exportFileName(plan.resource, EXPORT_EXTENSIONS[plan.format]);
    return new StreamableFile(content, {
      type: EXPORT_CONTENT_TYPES[plan.format],
      disposition: attachment(fileName),
    });
  }

  /** In a context of its own: the request's may be over by the time the last row is sent. */
  private async audit<Item>(
    plan: ResourceExport<Item>,
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
