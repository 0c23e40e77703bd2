import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ExportFacts, RequestFacts } from '@rct/audit';
import { AuthUser, Authenticated, CurrentUser, Roles, UserRole } from '@rct/auth';
import {
  ApiExport,
  ApiProblemResponses,
  ApiVersionedResponse,
  IfMatch,
  Page,
  UuidParam,
} from '@rct/common';
import { CreateRiskAcceptanceDto } from './dto/create-risk-acceptance.dto';
import { DecideRiskAcceptanceDto } from './dto/decide-risk-acceptance.dto';
import { ExportRiskAcceptancesQueryDto } from './dto/export-risk-acceptances-query.dto';
import { ListRiskAcceptancesQueryDto } from './dto/list-risk-acceptances-query.dto';
import { RiskAcceptancePage, RiskAcceptanceResponseDto } from './dto/risk-acceptance-response.dto';
import { RevokeRiskAcceptanceDto } from './dto/revoke-risk-acceptance.dto';
import { RiskAcceptanceService } from './risk-acceptance.service';

const DECIDERS = [UserRole.Admin, UserRole.Manager];
const SEPARATION = {
  status: 403,
  description:
    "Your role may not do this, or separation of duties: you requested it or own the risk (type ends 'separation-of-duties').",
} as const;
const NOT_OPEN = {
  status: 409,
  description: 'The acceptance is not in a state that allows it.',
} as const;

@ApiTags('risk-acceptances')
@Authenticated()
@ApiProblemResponses(400)
@Controller()
export class RiskAcceptanceController {
  constructor(private readonly acceptances: RiskAcceptanceService) {}

  @Post('risks/:id/acceptances')
  @Roles(UserRole.Admin, UserRole.Manager, UserRole.Analyst)
  @ApiOperation({
    operationId: 'createRiskAcceptance',
    summary: 'Ask to accept a risk until a date (analysts: own risks)',
  })
  @ApiVersionedResponse(RiskAcceptanceResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses(404, 413, 415, {
    status: 409,
    description: 'The risk already has a requested or approved acceptance.',
  })
  request(
    @UuidParam('id') riskId: string,
    @Body() dto: CreateRiskAcceptanceDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RiskAcceptanceResponseDto> {
    return this.acceptances.request(riskId, dto, user);
  }

  @Get('risk-acceptances')
  @ApiOperation({ operationId: 'listRiskAcceptances', summary: 'List risk acceptances' })
  @ApiOkResponse({
    type: RiskAcceptancePage,
    description: 'One page of acceptances, newest first.',
  })
  list(@Query() query: ListRiskAcceptancesQueryDto): Promise<Page<RiskAcceptanceResponseDto>> {
    return this.acceptances.list(query);
  }

  @ApiExport('risk-acceptances', RiskAcceptanceResponseDto, 'risk-acceptances/export')
  @ApiOperation({
    operationId: 'exportRiskAcceptances',
    summary: 'Export risk acceptances as CSV or NDJSON',
  })
  export(
    @Query() query: ExportRiskAcceptancesQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.acceptances.export(query, facts);
  }

  @Get('risk-acceptances/:id')
  @ApiOperation({ operationId: 'getRiskAcceptance', summary: 'Get a risk acceptance' })
  @ApiVersionedResponse(RiskAcceptanceResponseDto)
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string): Promise<RiskAcceptanceResponseDto> {
    return this.acceptances.get(id);
  }

  @Post('risk-acceptances/:id/decision')
  @Roles(...DECIDERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'decideRiskAcceptance',
    summary: 'Approve or reject a requested acceptance (not the requester nor the risk owner)',
  })
  @ApiVersionedResponse(RiskAcceptanceResponseDto)
  @ApiProblemResponses(SEPARATION, 404, NOT_OPEN, 413, 415)
  decide(
    @UuidParam('id') id: string,
    @Body() dto: DecideRiskAcceptanceDto,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<RiskAcceptanceResponseDto> {
    return this.acceptances.decide(id, dto, user, version);
  }

  @Post('risk-acceptances/:id/revoke')
  @Roles(...DECIDERS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'revokeRiskAcceptance',
    summary: 'End a requested or approved acceptance (not the requester nor the risk owner)',
  })
  @ApiVersionedResponse(RiskAcceptanceResponseDto)
  @ApiProblemResponses(SEPARATION, 404, NOT_OPEN, 413, 415)
  revoke(
    @UuidParam('id') id: string,
    @Body() dto: RevokeRiskAcceptanceDto,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<RiskAcceptanceResponseDto> {
    return this.acceptances.revoke(id, dto, user, version);
  }
}
