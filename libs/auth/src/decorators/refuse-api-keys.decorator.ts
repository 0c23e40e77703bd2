import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProblemResponses } from '@rct/common';
import { Authenticated } from './authenticated.decorator';

export const REFUSES_API_KEYS = 'auth:refusesApiKeys';

/**
 * For what only a person may do (manage API keys, change a password): a request made with an
 * API key is refused with 403 (RolesGuard), and the 403 is documented.
 */
export function RefuseApiKeys(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REFUSES_API_KEYS, true),
    Authenticated(),
    ApiProblemResponses({
      status: 403,
      description: 'Made with an API key: API keys cannot manage keys or passwords.',
    }),
  );
}
