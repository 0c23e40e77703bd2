import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '@rct/common';

/** The `X-API-Key` security scheme's name in the spec. */
export const API_KEY_SCHEME = 'apiKey';

/**
 * Documents that a route needs a bearer access token or an API key (the global guard enforces
 * it): two security requirements, either of which will do.
 */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiSecurity(API_KEY_SCHEME),
    ApiProblemResponses({
      status: 401,
      description:
        'No valid credentials: the access token is missing, expired or revoked, or the API key is unknown, revoked or expired.',
    }),
  );
}
