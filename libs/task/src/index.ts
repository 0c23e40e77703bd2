export { CreateTaskDto } from './dto/create-task.dto';
export { TaskResponseDto } from './dto/task-response.dto';
export { UpdateTaskDto } from './dto/update-task.dto';
export { TaskPriority } from './enums/task-priority.enum';
export { TaskStatus } from './enums/task-status.enum';
export { TaskModule } from './task.module';
export { TaskService } from './task.service';
