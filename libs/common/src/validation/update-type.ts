import { Type } from '@nestjs/common';
import { DECORATORS, PartialType } from '@nestjs/swagger';

/**
 * `PartialType` for PATCH bodies. Every field becomes optional and loses its documented
 * `default`: on a change an omitted field keeps its stored value, and a generated SDK that
 * pre-fills defaults would otherwise reset it on every update.
 */
export function UpdateType<T>(
  classRef: Type<T>,
  options: { skipNullProperties?: boolean } = {},
): Type<Partial<T>> {
  const partial = PartialType(classRef, options);
  const prototype = partial.prototype as object;
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ??
    []) as string[];
  for (const key of keys.map((entry) => entry.replace(/^:/, ''))) {
    const metadata = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) as
      Record<string, unknown> | undefined;
    if (!metadata || !('default' in metadata)) continue;
    const withoutDefault = { ...metadata };
    delete withoutDefault.default;
    Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, withoutDefault, prototype, key);
  }
  return partial;
}
