import { Controller, Get, Header, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { ApiProblemResponses, attachment, NDJSON } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { AuditEventResponseDto } from '../dto/audit-event-response.dto';
import { requestFacts } from '../request-facts';
import { AuditExportService } from './audit-export.service';
import { ExportAuditEventsQueryDto } from './dto/export-audit-events-query.dto';

@ApiTags('audit')
@Roles(UserRole.Admin)
@Controller('audit-events')
export class AuditExportController {
  constructor(private readonly exports: AuditExportService) {}

  @Get('export')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'Export the whole audit trail in chain order, for offline verification',
    description:
      'Streamed from one database snapshot. Each line is one audit event as the list renders ' +
      'it; `npm run audit:verify` checks the file against the checkpoints and a public key.',
  })
  @ApiProduces(NDJSON)
  @ApiOkResponse({
    description: 'One AuditEvent per line (JSON, as the list renders it), oldest first.',
    content: { [NDJSON]: { schema: { $ref: getSchemaPath(AuditEventResponseDto) } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="audit-events-<yyyymmdd>.ndjson"',
        schema: { type: 'string', example: 'attachment; filename="audit-events-20260301.ndjson"' },
      },
    },
  })
  @ApiProblemResponses(400)
  async export(
    @Query() query: ExportAuditEventsQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const { fileName, content } = await this.exports.export(query.format, requestFacts(request));
    return new StreamableFile(content, { type: NDJSON, disposition: attachment(fileName) });
  }
}
