export { ControlModule } from './control.module';
