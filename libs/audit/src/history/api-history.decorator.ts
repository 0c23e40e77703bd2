import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponses } from '@rct/common';
import { HistoryPageDto } from './dto/history-entry-response.dto';

/** Documents a domain's `GET /{resources}/{id}/history`. */
export function ApiHistory(operationId: string, noun: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      operationId,
      summary: `The ${noun}'s audit events, oldest first (keyset paging)`,
    }),
    ApiOkResponse({ type: HistoryPageDto, description: 'One page of its history.' }),
    ApiProblemResponses(404),
  );
}
