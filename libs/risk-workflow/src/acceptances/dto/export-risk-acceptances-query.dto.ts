import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQueryDto } from '@rct/common';
import { ListRiskAcceptancesQueryDto } from './list-risk-acceptances-query.dto';

/** The list's filters, without paging. */
export class ExportRiskAcceptancesQueryDto extends IntersectionType(
  OmitType(ListRiskAcceptancesQueryDto, ['limit', 'offset'] as const),
  ExportFormatQueryDto,
) {}
