import { Header } from '@nestjs/common';

/**
 * For responses that carry a secret (tokens, key secrets): `Cache-Control: no-store`, so no
 * browser, proxy or CDN keeps a copy (RFC 6749 5.1).
 */
export function NoStore(): MethodDecorator {
  return Header('Cache-Control', 'no-store');
}
