import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ExportFacts,
  RequestFacts,
  ApiHistory,
  AsOfQueryDto,
  HistoryPageDto,
  HistoryQueryDto,
} from '@rct/audit';
import { Authenticated, Roles, UserRole } from '@rct/auth';
import {
  ApiExport,
  ApiProblemResponses,
  ApiVersionedResponse,
  IfMatch,
  Page,
  UuidParam,
} from '@rct/common';
import { CreateRiskDto } from './dto/create-risk.dto';
import { ExportRisksQueryDto } from './dto/export-risks-query.dto';
import { ListRisksQueryDto } from './dto/list-risks-query.dto';
import { RiskPage, RiskResponseDto } from './dto/risk-response.dto';
import { UpdateRiskDto } from './dto/update-risk.dto';
import { RiskService } from './risk.service';

const EDITORS = [UserRole.Admin, UserRole.Manager];
const NO_ACTIVE_OWNER = { status: 422, description: 'ownerId is not an active user.' } as const;

@ApiTags('risks')
@Authenticated()
@ApiProblemResponses(400)
@Controller('risks')
export class RiskController {
  constructor(private readonly risks: RiskService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createRisk', summary: 'Register a risk' })
  @ApiVersionedResponse(RiskResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses(413, 415, NO_ACTIVE_OWNER)
  create(@Body() dto: CreateRiskDto): Promise<RiskResponseDto> {
    return this.risks.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listRisks', summary: 'List risks' })
  @ApiOkResponse({ type: RiskPage, description: 'One page of risks.' })
  list(@Query() query: ListRisksQueryDto): Promise<Page<RiskResponseDto>> {
    return this.risks.list(query);
  }

  @ApiExport('risks', RiskResponseDto)
  @ApiOperation({ operationId: 'exportRisks', summary: 'Export risks as CSV or NDJSON' })
  export(
    @Query() query: ExportRisksQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.risks.export(query, facts);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRisk', summary: 'Get a risk' })
  @ApiVersionedResponse(RiskResponseDto, { asOf: true })
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string, @Query() query: AsOfQueryDto): Promise<RiskResponseDto> {
    return this.risks.get(id, query.asOf);
  }

  @Get(':id/history')
  @ApiHistory('getRiskHistory', 'risk')
  history(@UuidParam('id') id: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.risks.history(id, query);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'updateRisk', summary: 'Change a risk' })
  @ApiVersionedResponse(RiskResponseDto)
  @ApiProblemResponses(404, 413, 415, NO_ACTIVE_OWNER)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateRiskDto,
    @IfMatch() version?: number,
  ): Promise<RiskResponseDto> {
    return this.risks.update(id, dto, version);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteRisk', summary: 'Delete a risk without controls or tasks' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404, { status: 409, description: 'Controls or tasks still belong to it.' })
  remove(@UuidParam('id') id: string, @IfMatch() version?: number): Promise<void> {
    return this.risks.remove(id, version);
  }
}
