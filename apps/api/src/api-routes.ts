import { Type } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';

/** Versioned prefix of every business route; health and docs stay unversioned. */
export const API_PREFIX = 'api/v1';

/** Mounts the given feature modules' controllers under /api/v1. */
export function apiRoutes(modules: Type<unknown>[]) {
  return RouterModule.register([{ path: API_PREFIX, children: modules }]);
}
