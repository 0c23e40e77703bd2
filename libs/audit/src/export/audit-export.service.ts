import { Injectable, StreamableFile } from '@nestjs/common';
import { AUDIT_EVENT_EXPORT_FIELDS } from '../audit-event.export';
import { AuditRepository } from '../audit.repository';
import { RequestFacts } from '../request-facts';
import { ExportAuditEventsQueryDto } from './dto/export-audit-events-query.dto';
import { ResourceExporter } from './resource-exporter';

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
        fields: AUDIT_EVENT_EXPORT_FIELDS,
        query: (values) => this.events.exportQuery(filter, values),
      },
      facts,
    );
  }
}
