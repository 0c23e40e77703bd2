import { Injectable, Logger } from '@nestjs/common';
import { exportFileName, ndjsonLine } from '@rct/common';
import { ExportOutcome, SnapshotExporter } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { Readable } from 'node:stream';
import { AuditRecorder } from '../audit-recorder';
import { AuditAction, AuditOutcome } from '../audit-vocabulary';
import { toAuditEventResponse } from '../audit.mapper';
import { AuditRepository } from '../audit.repository';
import { RequestFacts } from '../request-facts';
import { AuditExportFormat } from './dto/export-audit-events-query.dto';

export interface AuditExport {
  fileName: string;
  content: Readable;
}

/**
 * The whole trail as NDJSON, in chain order, from one snapshot: what `npm run audit:verify`
 * checks offline. The export is audited once it ends, with the number of events it sent.
 */
@Injectable()
export class AuditExportService {
  private readonly logger = new Logger('AuditExport');

  constructor(
    private readonly exporter: SnapshotExporter,
    private readonly events: AuditRepository,
    private readonly recorder: AuditRecorder,
    private readonly cls: ClsService,
  ) {}

  async export(format: AuditExportFormat, facts: RequestFacts): Promise<AuditExport> {
    const content = await this.exporter.open({
      rows: (snapshot) => this.events.streamChain(snapshot),
      format: (event) => ndjsonLine(toAuditEventResponse(event)),
      onEnd: (outcome) => this.audit(format, facts, outcome),
    });
    return { fileName: exportFileName('audit-events', format), content };
  }

  /** In a context of its own: the request's may be over by the time the last row is sent. */
  private async audit(format: string, facts: RequestFacts, outcome: ExportOutcome) {
    try {
      await this.cls.run(() =>
        this.recorder.recordApart(
          facts,
          outcome.completed ? AuditOutcome.Success : AuditOutcome.Failed,
          200,
          {
            action: AuditAction.Export,
            entityType: null,
            entityId: null,
            changes: {
              format: { from: null, to: format },
              rows: { from: null, to: outcome.rows },
            },
          },
        ),
      );
    } catch (error) {
      this.logger.error(
        `Audit export of ${outcome.rows} events was not recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
