import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblemResponses } from '@rct/common';

/** Documents that a route needs a bearer access token (the global guard enforces it). */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiProblemResponses({
      status: 401,
      description: 'No valid access token: missing, expired, or revoked by a role change.',
    }),
  );
}
