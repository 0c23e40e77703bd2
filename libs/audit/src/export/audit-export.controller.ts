import { Controller, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { ApiExport } from '@rct/common';
import { AuditEventResponseDto } from '../dto/audit-event-response.dto';
import type { RequestFacts } from '../request-facts';
import { AuditExportService } from './audit-export.service';
import { ExportAuditEventsQueryDto } from './dto/export-audit-events-query.dto';
import { ExportFacts } from './export-facts.decorator';

@ApiTags('audit')
@Roles(UserRole.Admin)
@Controller('audit-events')
export class AuditExportController {
  constructor(private readonly exports: AuditExportService) {}

  @ApiExport('audit-events', AuditEventResponseDto)
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Export the audit trail in chain order (unfiltered: for offline verification)',
    description:
      'Streamed from one database snapshot, oldest first; the list filters narrow it. ' +
      'Unfiltered NDJSON (the default) is what `npm run audit:verify` checks against the ' +
      'checkpoints and a public key.',
  })
  export(
    @Query() query: ExportAuditEventsQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.exports.export(query, facts);
  }
}
