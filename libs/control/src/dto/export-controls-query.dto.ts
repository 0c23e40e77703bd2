import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListControlsQueryDto } from './list-controls-query.dto';

/** The list's filters, search and sort, without paging. */
export class ExportControlsQueryDto extends IntersectionType(
  OmitType(ListControlsQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
