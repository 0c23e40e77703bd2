import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UserRole } from '@rct/auth';
import { ApiProblemResponses, UuidParam } from '@rct/common';
import { AuditService } from './audit.service';
import { AuditVerificationService } from './checkpoints/audit-verification.service';
import { VerifyAuditChainQueryDto } from './checkpoints/dto/verify-audit-chain-query.dto';
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
  constructor(
    private readonly audit: AuditService,
    private readonly verification: AuditVerificationService,
  ) {}

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
    summary: 'Check the signed checkpoints and recompute the hash chain, naming what broke',
    description:
      'Checks every checkpoint signature with the key it names and that the event at its seq ' +
      'still has the signed hash, then recomputes the chain. With `fromSeq` (the seq of a ' +
      'checkpoint), checks only from that checkpoint on.',
  })
  @ApiOkResponse({ type: AuditChainVerificationDto, description: 'The verdict.' })
  @ApiProblemResponses(400, 404)
  verify(@Query() query: VerifyAuditChainQueryDto): Promise<AuditChainVerificationDto> {
    return this.verification.verify(query.fromSeq);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getAuditEvent', summary: 'Get an audit event' })
  @ApiOkResponse({ type: AuditEventResponseDto, description: 'The event.' })
  @ApiProblemResponses(400, 404)
  get(@UuidParam('id') id: string): Promise<AuditEventResponseDto> {
    return this.audit.get(id);
  }
}
