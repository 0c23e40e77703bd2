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
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthUser, Authenticated, CurrentUser, Roles, UserRole } from '@rct/auth';
import { IfMatch, Page, ProblemDetailsDto } from '@rct/common';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks-query.dto';
import { TaskPage, TaskResponseDto } from './dto/task-response.dto';
import { UpdateTaskDto } from './dto/update-task.dto';
import { TaskService } from './task.service';

const EDITORS = [UserRole.Admin, UserRole.Manager];

@ApiTags('tasks')
@Authenticated()
@ApiBadRequestResponse({ description: 'Invalid input.', type: ProblemDetailsDto })
@Controller('tasks')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  @Post()
  @Roles(...EDITORS)
  @ApiOperation({ operationId: 'createTask', summary: 'Create a task for a risk' })
  @ApiCreatedResponse({ type: TaskResponseDto })
  @ApiUnprocessableEntityResponse({
    description: 'riskId names no risk, or assigneeId is not an active user.',
    type: ProblemDetailsDto,
  })
  create(@Body() dto: CreateTaskDto): Promise<TaskResponseDto> {
    return this.tasks.create(dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listTasks', summary: 'List tasks' })
  @ApiOkResponse({ type: TaskPage })
  list(@Query() query: ListTasksQueryDto): Promise<Page<TaskResponseDto>> {
    return this.tasks.list(query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTask', summary: 'Get a task' })
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TaskResponseDto> {
    return this.tasks.get(id);
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
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  @ApiUnprocessableEntityResponse({
    description: 'assigneeId is not an active user.',
    type: ProblemDetailsDto,
  })
  update(
    @Param('id', ParseUUIDPipe) id: string,
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
  @ApiNotFoundResponse({ type: ProblemDetailsDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale.', type: ProblemDetailsDto })
  remove(@Param('id', ParseUUIDPipe) id: string, @IfMatch() version?: number): Promise<void> {
    return this.tasks.remove(id, version);
  }
}
