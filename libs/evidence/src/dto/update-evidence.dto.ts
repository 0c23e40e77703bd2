import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateEvidenceDto } from './create-evidence.dto';

/**
 * Only the fields sent change; `url` and `validUntil` may be sent as null to clear them. The
 * control, the review and the file change through their own routes.
 */
export class UpdateEvidenceDto extends PartialType(
  OmitType(CreateEvidenceDto, ['controlId'] as const),
  // null is validated like any value, so `"title": null` is a 400 rather than a broken row.
  { skipNullProperties: false },
) {}
