import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListEvidenceQueryDto } from './list-evidence-query.dto';

/** The list's filters, search and sort, without paging. */
export class ExportEvidenceQueryDto extends IntersectionType(
  OmitType(ListEvidenceQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
