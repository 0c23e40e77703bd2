import { ApiSchema, OmitType } from '@nestjs/swagger';
import { UpdateType } from '@rct/common';
import { CreateEvidenceDto } from './create-evidence.dto';

/**
 * Only the fields sent change; `url` and `validUntil` may be sent as null to clear them. The
 * control, the review and the file change through their own routes.
 */
@ApiSchema({ name: 'UpdateEvidenceRequest' })
export class UpdateEvidenceDto extends UpdateType(
  OmitType(CreateEvidenceDto, ['controlId'] as const),
  // null is validated like any value, so `"title": null` is a 400 rather than a broken row.
  { skipNullProperties: false },
) {}
