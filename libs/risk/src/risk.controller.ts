import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated, Roles, UserRole } from '@rct/auth';
import { IfMatch, Page, ProblemDetailsDto } from '@rct/common';
import { CreateRiskDto } from './dto/create-risk.dto';
import { ListRisksQueryDto } from './dto/list-risks-query.dto';
import { RiskPage, RiskResponseDto } from './dto/risk-response.dto';
import { UpdateRiskDto } from './dto/update-risk.dto';
import { RiskService } from './risk.service';

const EDITORS = [UserRole.Admin, UserRole.Manager];

@ApiTags('risks')
@Authenticated()
@ApiBadRequestResponse({ description: 'Invalid input.', type: ProblemDetailsDto })
@Controller('risks')
export class RiskController {
  constructor(private readonly risks: RiskService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createRisk', summary: 'Register a risk' })
  @ApiCreatedResponse({ type: RiskResponseDto })
  @ApiUnprocessableEntityResponse({
    description: 'ownerId is not an active user.',
    type: ProblemDetailsDto,
  })
  create(@Body() dto: CreateRiskDto): Promise<RiskResponseDto> {
    return this.risks.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listRisks', summary: 'List risks' })
  @ApiOkResponse({ type: RiskPage })
  list(@Query() query: ListRisksQueryDto): Promise<Page<RiskResponseDto>> {
    return this.risks.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRisk', summary: 'Get a risk' })
  @ApiOkResponse({ type: RiskResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RiskResponseDto> {
    return this.risks.get(id);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'updateRisk', summary: 'Change a risk' })
  @ApiOkResponse({ type: RiskResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  @ApiUnprocessableEntityResponse({
    description: 'ownerId is not an active user.',
    type: ProblemDetailsDto,
  })
  update(
    @Param('id', ParseUUIDPipe) id: string,
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
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({
    description: 'Controls or tasks still belong to it.',
    type: ProblemDetailsDto,
  })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  remove(@Param('id', ParseUUIDPipe) id: string, @IfMatch() version?: number): Promise<void> {
    return this.risks.remove(id, version);
  }
}
