import { exportFields, field } from '@rct/database';
import { ControlResponseDto } from './dto/control-response.dto';

/**
 * A control list item as an export writes it (what toControlResponse writes),
 * every field in the mapper's order, over the repository's alias `control`.
 */
export const CONTROL_EXPORT_FIELDS = exportFields<ControlResponseDto>({
  id: field.token('control.id'),
  riskId: field.token('control.riskId'),
  code: field.text('control.code'),
  title: field.text('control.title'),
  description: field.text('control.description'),
  type: field.token('control.type'),
  implementationStatus: field.token('control.implementationStatus'),
  effectiveness: field.token('control.effectiveness'),
  frameworkRefs: field.textArray('control.frameworkRefs'),
  ownerId: field.token('control.ownerId'),
  lastTestedAt: field.timestamp('control.lastTestedAt'),
  nextTestDueAt: field.timestamp('control.nextTestDueAt'),
  createdAt: field.timestamp('control.createdAt'),
  updatedAt: field.timestamp('control.updatedAt'),
  version: field.integer('control.version'),
});
