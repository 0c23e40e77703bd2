import { RequestMethod, Type, UseInterceptors } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { isMutatingMethod } from '@rct/database';
import { AuditInterceptor } from './audit.interceptor';

interface WriteHandler {
  controller: Type<unknown>;
  name: string;
  method: string;
}

/** The POST/PUT/PATCH/DELETE handlers a controller declares. */
function writeHandlers(controller: Type<unknown>): WriteHandler[] {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    return method !== undefined && isMutatingMethod(RequestMethod[method])
      ? [{ controller, name, method: RequestMethod[method] }]
      : [];
  });
}

function isAudited({ controller, name }: Pick<WriteHandler, 'controller' | 'name'>): boolean {
  const handler = (controller.prototype as Record<string, unknown>)[name] as object;
  const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
  return interceptors.includes(AuditInterceptor);
}

/**
 * Runs every write handler of these modules' controllers inside AuditInterceptor (one
 * transaction, one audit event). Attached per handler at composition time rather than as an
 * APP_INTERCEPTOR: Nest runs a global interceptor's rxjs pipeline on every request, and reads,
 * which need no transaction, would pay for it. Call it before the app is created; calling it twice changes nothing.
 */
export function auditWrites(modules: Type<unknown>[]): void {
  for (const module of modules) {
    const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ??
      []) as Type<unknown>[];
    for (const { controller, name } of controllers.flatMap(writeHandlers)) {
      if (isAudited({ controller, name })) continue;
      const prototype = controller.prototype as object;
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
      UseInterceptors(AuditInterceptor)(prototype, name, descriptor);
    }
  }
}

/** "POST RiskController.create" for each write handler that auditWrites did not reach. */
export function unauditedWrites(controllers: Type<unknown>[]): string[] {
  return controllers
    .flatMap(writeHandlers)
    .filter((write) => !isAudited(write))
    .map(({ controller, name, method }) => `${method} ${controller.name}.${name}`);
}
