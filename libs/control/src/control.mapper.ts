import { ControlResponseDto } from './dto/control-response.dto';
import { ControlEntity } from './entities/control.entity';

export function toControlResponse(control: ControlEntity): ControlResponseDto {
  return {
    id: control.id,
    riskId: control.riskId,
    code: control.code,
    title: control.title,
    description: control.description,
    type: control.type,
    implementationStatus: control.implementationStatus,
    effectiveness: control.effectiveness,
    frameworkRefs: control.frameworkRefs,
    ownerId: control.ownerId,
    lastTestedAt: control.lastTestedAt?.toISOString() ?? null,
    nextTestDueAt: control.nextTestDueAt?.toISOString() ?? null,
    createdAt: control.createdAt.toISOString(),
    updatedAt: control.updatedAt.toISOString(),
    version: control.version,
  };
}
