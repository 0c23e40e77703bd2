import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiProblemResponses } from '@rct/common';
import { UserRole } from '../roles/user-role.enum';
import { Authenticated } from './authenticated.decorator';

export const ROLES = 'auth:roles';

/** Limits a route to the given roles, and documents its bearer auth, 401 and 403 in OpenAPI. */
export function Roles(...roles: UserRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    Authenticated(),
    ApiProblemResponses({ status: 403, description: `Only for: ${roles.join(', ')}.` }),
  );
}
