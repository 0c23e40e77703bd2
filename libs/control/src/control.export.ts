import { csvColumns } from '@rct/common';
import { ControlResponseDto } from './dto/control-response.dto';

/** The columns of a control export: every field of a list item, in the mapper's order. */
export const CONTROL_EXPORT_COLUMNS = csvColumns<ControlResponseDto>({
  id: true,
  riskId: true,
  code: true,
  title: true,
  description: true,
  type: true,
  implementationStatus: true,
  effectiveness: true,
  frameworkRefs: true,
  ownerId: true,
  lastTestedAt: true,
  nextTestDueAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});
