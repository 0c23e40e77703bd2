import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListTasksQueryDto } from './list-tasks-query.dto';

/** The list's filters, search and sort, without paging. */
export class ExportTasksQueryDto extends IntersectionType(
  OmitType(ListTasksQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
