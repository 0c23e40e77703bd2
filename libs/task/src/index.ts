export { TaskModule } from './task.module';
