import { Injectable, StreamableFile } from '@nestjs/common';
import { csvColumns } from '@rct/common';
import { toAuditEventResponse } from '../audit.mapper';
import { AuditRepository } from '../audit.repository';
import { AuditEventResponseDto } from '../dto/audit-event-response.dto';
import { RequestFacts } from '../request-facts';
import { ExportAuditEventsQueryDto } from './dto/export-audit-events-query.dto';
import { ResourceExporter } from './resource-exporter';

const AUDIT_EVENT_COLUMNS = csvColumns<AuditEventResponseDto>({
  id: true,
  seq: true,
  occurredAt: true,
  actorId: true,
  actorEmail: true,
  actorRole: true,
  action: true,
  outcome: true,
  entityType: true,
  entityId: true,
  method: true,
  route: true,
  path: true,
  statusCode: true,
  requestId: true,
  ip: true,
  userAgent: true,
  changes: true,
  apiKeyId: true,
  prevHash: true,
  hash: true,
});

/**
 * The trail in chain order, from one snapshot: unfiltered, what `npm run audit:verify` checks
 * offline. The export is audited once it ends, with the number of events it sent.
 */
@Injectable()
export class AuditExportService {
  constructor(
    private readonly exporter: ResourceExporter,
    private readonly events: AuditRepository,
  ) {}

  export(query: ExportAuditEventsQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const { format, ...filter } = query;
    return this.exporter.export(
      {
        resource: 'audit-events',
        entityType: null,
        format,
        filters: filter,
        columns: AUDIT_EVENT_COLUMNS,
        rows: (snapshot) => this.events.streamMatching(snapshot, filter),
        toItem: toAuditEventResponse,
      },
      facts,
    );
  }
}
