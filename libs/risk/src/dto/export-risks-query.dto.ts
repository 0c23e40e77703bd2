import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListRisksQueryDto } from './list-risks-query.dto';

/** The list's filters, search and sort, without paging. */
export class ExportRisksQueryDto extends IntersectionType(
  OmitType(ListRisksQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
