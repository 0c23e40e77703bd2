import { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ClsModule, ClsModuleOptions } from 'nestjs-cls';

const ENHANCER_TOKENS: unknown[] = [APP_GUARD, APP_INTERCEPTOR];

function isEnhancer(provider: Provider): boolean {
  return typeof provider === 'object' && ENHANCER_TOKENS.includes(provider.provide);
}

/**
 * `ClsModule.forRoot` for a context opened by its middleware only. nestjs-cls always registers
 * a global guard and interceptor, which do nothing unless mounted; Nest still runs the
 * interceptor's rxjs pipeline on every request (with the audit interceptor's, about a quarter
 * of a `GET /risks/{id}`'s CPU), so they are left out.
 */
export function clsMiddlewareModule(options: ClsModuleOptions): DynamicModule {
  if (options.guard?.mount || options.interceptor?.mount) {
    throw new Error('clsMiddlewareModule opens the context in the middleware only');
  }
  const root = ClsModule.forRoot(options);
  return {
    ...root,
    imports: root.imports?.map((imported) =>
      'providers' in imported && imported.providers
        ? { ...imported, providers: imported.providers.filter((p) => !isEnhancer(p)) }
        : imported,
    ),
  };
}
