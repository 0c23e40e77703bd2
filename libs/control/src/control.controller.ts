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
import { ControlService } from './control.service';
import { ControlPage, ControlResponseDto } from './dto/control-response.dto';
import { CreateControlDto } from './dto/create-control.dto';
import { ExportControlsQueryDto } from './dto/export-controls-query.dto';
import { ListControlsQueryDto } from './dto/list-controls-query.dto';
import { UpdateControlDto } from './dto/update-control.dto';

const EDITORS = [UserRole.Admin, UserRole.Manager];
const CODE_TAKEN = { status: 409, description: 'The code is taken.' } as const;

@ApiTags('controls')
@Authenticated()
@ApiProblemResponses(400)
@Controller('controls')
export class ControlController {
  constructor(private readonly controls: ControlService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createControl', summary: 'Add a control to a risk' })
  @ApiVersionedResponse(ControlResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses(CODE_TAKEN, 413, 415, {
    status: 422,
    description: 'riskId or ownerId does not name an existing risk or active user.',
  })
  create(@Body() dto: CreateControlDto): Promise<ControlResponseDto> {
    return this.controls.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listControls', summary: 'List controls' })
  @ApiOkResponse({ type: ControlPage, description: 'One page of controls.' })
  list(@Query() query: ListControlsQueryDto): Promise<Page<ControlResponseDto>> {
    return this.controls.list(query);
  }

  @ApiExport('controls', ControlResponseDto)
  @ApiOperation({ operationId: 'exportControls', summary: 'Export controls as CSV or NDJSON' })
  export(
    @Query() query: ExportControlsQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.controls.export(query, facts);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getControl', summary: 'Get a control' })
  @ApiVersionedResponse(ControlResponseDto, { asOf: true })
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string, @Query() query: AsOfQueryDto): Promise<ControlResponseDto> {
    return this.controls.get(id, query.asOf);
  }

  @Get(':id/history')
  @ApiHistory('getControlHistory', 'control')
  history(@UuidParam('id') id: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.controls.history(id, query);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'updateControl', summary: 'Change a control' })
  @ApiVersionedResponse(ControlResponseDto)
  @ApiProblemResponses(404, CODE_TAKEN, 413, 415, {
    status: 422,
    description: 'ownerId is not an active user.',
  })
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateControlDto,
    @IfMatch() version?: number,
  ): Promise<ControlResponseDto> {
    return this.controls.update(id, dto, version);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteControl', summary: 'Delete a control without evidence' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404, { status: 409, description: 'Evidence still belongs to it.' })
  remove(@UuidParam('id') id: string, @IfMatch() version?: number): Promise<void> {
    return this.controls.remove(id, version);
  }
}
