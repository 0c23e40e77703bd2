export { ControlModule } from './control.module';
export { ControlService } from './control.service';
export { CreateControlDto } from './dto/create-control.dto';
export { ControlResponseDto } from './dto/control-response.dto';
export { ControlEffectiveness } from './enums/control-effectiveness.enum';
export { ControlImplementationStatus } from './enums/control-implementation-status.enum';
export { ControlType } from './enums/control-type.enum';
