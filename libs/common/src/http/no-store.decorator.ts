import { applyDecorators, Header } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Marks, in the spec, an operation whose answer carries a secret. */
export const SECRET_IN_RESPONSE = 'x-secret-in-response';

/**
 * For responses that carry a secret (tokens, key secrets): `Cache-Control: no-store`, so no
 * browser, proxy or CDN keeps a copy (RFC 6749 5.1). Such an answer is never stored for an
 * Idempotency-Key replay either; the spec marks the operation with `x-secret-in-response`.
 */
export function NoStore(): MethodDecorator {
  return applyDecorators(
    Header('Cache-Control', 'no-store'),
    ApiExtension(SECRET_IN_RESPONSE, true),
  );
}
