import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@rct/common';

/** Documents that a route needs a bearer access token (the global guard enforces it). */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({
      description: 'No valid access token.',
      type: ProblemDetailsDto,
    }),
  );
}
