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
import { ControlService } from './control.service';
import { ControlPage, ControlResponseDto } from './dto/control-response.dto';
import { CreateControlDto } from './dto/create-control.dto';
import { ListControlsQueryDto } from './dto/list-controls-query.dto';
import { UpdateControlDto } from './dto/update-control.dto';

const EDITORS = [UserRole.Admin, UserRole.Manager];

@ApiTags('controls')
@Authenticated()
@ApiBadRequestResponse({ description: 'Invalid input.', type: ProblemDetailsDto })
@Controller('controls')
export class ControlController {
  constructor(private readonly controls: ControlService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createControl', summary: 'Add a control to a risk' })
  @ApiCreatedResponse({ type: ControlResponseDto })
  @ApiConflictResponse({ description: 'The code is taken.', type: ProblemDetailsDto })
  @ApiUnprocessableEntityResponse({
    description: 'riskId or ownerId does not name an existing risk or active user.',
    type: ProblemDetailsDto,
  })
  create(@Body() dto: CreateControlDto): Promise<ControlResponseDto> {
    return this.controls.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listControls', summary: 'List controls' })
  @ApiOkResponse({ type: ControlPage })
  list(@Query() query: ListControlsQueryDto): Promise<Page<ControlResponseDto>> {
    return this.controls.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getControl', summary: 'Get a control' })
  @ApiOkResponse({ type: ControlResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ControlResponseDto> {
    return this.controls.get(id);
  }

  @Patch(':id')
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'updateControl', summary: 'Change a control' })
  @ApiOkResponse({ type: ControlResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ description: 'The code is taken.', type: ProblemDetailsDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  @ApiUnprocessableEntityResponse({
    description: 'ownerId is not an active user.',
    type: ProblemDetailsDto,
  })
  update(
    @Param('id', ParseUUIDPipe) id: string,
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
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ description: 'Evidence still belongs to it.', type: ProblemDetailsDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  remove(@Param('id', ParseUUIDPipe) id: string, @IfMatch() version?: number): Promise<void> {
    return this.controls.remove(id, version);
  }
}
