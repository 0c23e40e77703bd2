import { applyDecorators, Get, Header, Type } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, getSchemaPath } from '@nestjs/swagger';
import { ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { NDJSON } from './export-file';

/**
 * `GET <resource>/export`: the route and its documentation, both media types with the list
 * item's schema (one per NDJSON line, one per CSV record) and the download's file name.
 */
export function ApiExport(resource: string, item: Type<unknown>, path = 'export'): MethodDecorator {
  return applyDecorators(
    Get(path),
    Header('Cache-Control', 'private, no-store'),
    ApiProduces('text/csv', NDJSON),
    ApiOkResponse({
      description:
        `Every ${resource} item the filters select, in the list's order, from one database ` +
        'snapshot: CSV (RFC 4180, a header row of the item fields; arrays joined with `;`; ' +
        "cells starting with = + - @, tab or CR prefixed with `'`) or one item per NDJSON line.",
      content: {
        'text/csv': {
          schema: { type: 'string', example: `id,title\r\n...` },
        },
        [NDJSON]: { schema: { $ref: getSchemaPath(item) } },
      },
      headers: {
        'Content-Disposition': {
          description: `attachment; filename="${resource}-<yyyymmdd>.<csv|ndjson>"`,
          schema: { type: 'string', example: `attachment; filename="${resource}-20260301.csv"` },
        },
      },
    }),
    ApiProblemResponses(400),
  );
}
