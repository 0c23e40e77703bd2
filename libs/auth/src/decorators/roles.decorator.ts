import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@rct/common';
import { UserRole } from '../roles/user-role.enum';
import { Authenticated } from './authenticated.decorator';

export const ROLES = 'auth:roles';

/** Limits a route to the given roles, and documents its bearer auth and 403 in OpenAPI. */
export function Roles(...roles: UserRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES, roles),
    Authenticated(),
    ApiForbiddenResponse({
      description: `Only for: ${roles.join(', ')}.`,
      type: ProblemDetailsDto,
    }),
  );
}
