import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { ApiProblemResponses, UuidParam } from '@rct/common';
import { AuditService } from './audit.service';
import {
  AuditChainVerificationDto,
  AuditEventPageDto,
  AuditEventResponseDto,
  FieldChangeDto,
} from './dto/audit-event-response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events-query.dto';

@ApiTags('audit')
@ApiExtraModels(FieldChangeDto)
@Roles(UserRole.Admin)
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'List audit events, newest first' })
  @ApiOkResponse({ type: AuditEventPageDto, description: 'One page of events.' })
  @ApiProblemResponses(400)
  list(@Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(query);
  }

  @Get('verify')
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: 'Recompute the hash chain and name the first broken link',
  })
  @ApiOkResponse({ type: AuditChainVerificationDto, description: 'The verdict.' })
  verify(): Promise<AuditChainVerificationDto> {
    return this.audit.verify();
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getAuditEvent', summary: 'Get an audit event' })
  @ApiOkResponse({ type: AuditEventResponseDto, description: 'The event.' })
  @ApiProblemResponses(400, 404)
  get(@UuidParam('id') id: string): Promise<AuditEventResponseDto> {
    return this.audit.get(id);
  }
}
