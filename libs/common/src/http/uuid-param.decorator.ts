import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

const ID_DESCRIPTION =
  'The id (a UUID) of an existing record, as a list or a create answer gives it. ' +
  "Swagger UI's placeholder names no record and answers 404.";

/**
 * A path parameter that must be a UUID (400 otherwise), documented as `format: uuid` so SDKs and
 * Swagger UI know what it takes.
 */
export function UuidParam(name = 'id'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, ParseUUIDPipe)(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) return;
    ApiParam({ name, type: 'string', format: 'uuid', description: ID_DESCRIPTION })(
      target,
      key as string | symbol,
      descriptor,
    );
  };
}
