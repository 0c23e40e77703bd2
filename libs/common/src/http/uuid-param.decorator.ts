import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/**
 * A path parameter that must be a UUID (400 otherwise), documented as `format: uuid` so SDKs and
 * Swagger UI know what it takes.
 */
export function UuidParam(name = 'id'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, ParseUUIDPipe)(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) return;
    ApiParam({ name, type: 'string', format: 'uuid', description: 'The resource id (a UUID).' })(
      target,
      key as string | symbol,
      descriptor,
    );
  };
}
