import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { LruMap } from '../cache/lru-map';
import { ValidationFailedError } from '../errors/domain-error';
import { FieldError } from '../errors/problem-details';

/** Flattens nested class-validator errors into `{field, message}` pairs with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Query strings remembered per query DTO class. */
const QUERIES_PER_DTO = 1000;

/**
 * ValidationPipe that remembers the query DTOs it built, by the query string's parameters:
 * dashboards poll the same list URLs, and building the DTO (class-transformer, then every
 * class-validator constraint) cost more CPU than serving a cached page. A DTO is a function of
 * those parameters alone, and is frozen because every later request with them shares it.
 * Rejected queries are not remembered: they are validated, and answered 400, every time.
 */
class QueryMemoValidationPipe extends ValidationPipe {
  private readonly queries = new WeakMap<object, LruMap<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dtoClass = metadata.metatype;
    if (metadata.type !== 'query' || metadata.data || !dtoClass || !isObject(value)) {
      return super.transform(value, metadata);
    }
    let known = this.queries.get(dtoClass);
    if (!known) this.queries.set(dtoClass, (known = new LruMap(QUERIES_PER_DTO)));
    const key = JSON.stringify(value);
    const remembered = known.get(key);
    if (remembered) return remembered;
    const dto: unknown = await super.transform(value, metadata);
    if (isObject(dto)) known.set(key, Object.freeze(dto));
    return dto;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** The one global pipe: unknown fields are rejected, known ones are transformed to their types. */
export function createValidationPipe(): ValidationPipe {
  return new QueryMemoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
