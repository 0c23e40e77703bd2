import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListUsersQueryDto } from './list-users-query.dto';

/** The list's filters, search and sort, without paging. */
export class ExportUsersQueryDto extends IntersectionType(
  OmitType(ListUsersQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
