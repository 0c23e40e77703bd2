import { HttpStatus, Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The ETag response header, as registerEtagHeader sends it with every versioned resource. */
export const ETAG_HEADER = {
  ETag: {
    description: 'The version of the resource returned; send it back as If-Match on a change.',
    schema: { type: 'string', example: '"3"' },
  },
};

/**
 * Documents a success response that carries one versioned resource, and with it its ETag
 * header (registerEtagHeader adds it to every body with a numeric `version`).
 */
export function ApiVersionedResponse(
  type: Type<unknown>,
  options: {
    status?: HttpStatus.OK | HttpStatus.CREATED;
    description?: string;
    /** The operation also answers past states (`?asOf=`), which carry no ETag. */
    asOf?: boolean;
  } = {},
): MethodDecorator & ClassDecorator {
  const status = options.status ?? HttpStatus.OK;
  const headers = options.asOf
    ? {
        ETag: {
          ...ETAG_HEADER.ETag,
          required: false,
          description: `${ETAG_HEADER.ETag.description} Not sent on an asOf answer.`,
        },
      }
    : ETAG_HEADER;
  return ApiResponse({
    status,
    type,
    description:
      options.description ?? (status === HttpStatus.CREATED ? 'Created.' : 'The resource.'),
    headers,
  });
}
