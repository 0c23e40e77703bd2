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
  ApiHistory,
  AsOfQueryDto,
  ExportFacts,
  HistoryPageDto,
  HistoryQueryDto,
  RequestFacts,
} from '@rct/audit';
import { AuthUser, Authenticated, CurrentUser, Roles, UserRole } from '@rct/auth';
import {
  ApiExport,
  ApiProblemResponses,
  ApiVersionedResponse,
  IfMatch,
  Page,
  UuidParam,
} from '@rct/common';
import { CreateTaskDto } from './dto/create-task.dto';
import { ExportTasksQueryDto } from './dto/export-tasks-query.dto';
import { ListTasksQueryDto } from './dto/list-tasks-query.dto';
import { TaskPage, TaskResponseDto } from './dto/task-response.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskService } from './task.service';

const EDITORS = [UserRole.Admin, UserRole.Manager];

@ApiTags('tasks')
@Authenticated()
@ApiProblemResponses(400)
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createTask', summary: 'Create a task for a risk' })
  @ApiVersionedResponse(TaskResponseDto, { status: HttpStatus.CREATED })
  @ApiProblemResponses(413, 415, {
    status: 422,
    description: 'riskId names no risk, or assigneeId is not an active user.',
  })
  create(@Body() dto: CreateTaskDto): Promise<TaskResponseDto> {
    return this.tasks.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listTasks', summary: 'List tasks' })
  @ApiOkResponse({ type: TaskPage, description: 'One page of tasks.' })
  list(@Query() query: ListTasksQueryDto): Promise<Page<TaskResponseDto>> {
    return this.tasks.list(query);
  }

  @ApiExport('tasks', TaskResponseDto)
  @ApiOperation({ operationId: 'exportTasks', summary: 'Export tasks as CSV or NDJSON' })
  export(
    @Query() query: ExportTasksQueryDto,
    @ExportFacts() facts: RequestFacts,
  ): Promise<StreamableFile> {
    return this.tasks.export(query, facts);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTask', summary: 'Get a task' })
  @ApiVersionedResponse(TaskResponseDto, { asOf: true })
  @ApiProblemResponses(404)
  get(@UuidParam('id') id: string, @Query() query: AsOfQueryDto): Promise<TaskResponseDto> {
    return this.tasks.get(id, query.asOf);
  }

  @Get(':id/history')
  @ApiHistory('getTaskHistory', 'task')
  history(@UuidParam('id') id: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    return this.tasks.history(id, query);
  }

  @Patch(':id')
  @Roles(UserRole.Admin, UserRole.Manager, UserRole.Analyst)
  @ApiOperation({
    operationId: 'updateTask',
    summary: 'Change a task',
    description:
      'Admins and managers may change any field. An analyst may change only the `status` of a ' +
      'task assigned to them; anything else is 403. Moving to done or cancelled sets ' +
      '`completedAt`, moving back clears it.',
  })
  @ApiVersionedResponse(TaskResponseDto)
  @ApiProblemResponses(
    {
      status: 403,
      description: 'An analyst may change only the status of a task assigned to them.',
    },
    404,
    413,
    415,
    { status: 422, description: 'assigneeId is not an active user.' },
  )
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateTaskDto,
    @CurrentUser() user: AuthUser,
    @IfMatch() version?: number,
  ): Promise<TaskResponseDto> {
    return this.tasks.update(id, dto, user, version);
  }

  @Delete(':id')
  @Roles(...EDITORS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'deleteTask', summary: 'Delete a task' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404)
  remove(@UuidParam('id') id: string, @IfMatch() version?: number): Promise<void> {
    return this.tasks.remove(id, version);
  }
}
