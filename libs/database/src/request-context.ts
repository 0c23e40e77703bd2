import { DynamicModule, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CLS_ID, ClsModule, ClsPlugin, ClsService } from 'nestjs-cls';

const ENHANCER_TOKENS: unknown[] = [APP_GUARD, APP_INTERCEPTOR];

function isEnhancer(provider: Provider): boolean {
  return typeof provider === 'object' && ENHANCER_TOKENS.includes(provider.provide);
}

/**
 * ClsModule (global, with these plugins) whose per-request context is opened by
 * registerRequestContext rather than by nestjs-cls's own middleware, guard or interceptor.
 * nestjs-cls registers the guard and interceptor globally even when they do nothing, and Nest
 * runs the interceptor's rxjs pipeline on every request (with the audit interceptor's, about a
 * quarter of a `GET /risks/{id}`'s CPU), so they are left out.
 */
export function requestContextModule(plugins: ClsPlugin[]): DynamicModule {
  const root = ClsModule.forRoot({ global: true, plugins });
  return {
    ...root,
    imports: root.imports?.map((imported) =>
      'providers' in imported && imported.providers
        ? { ...imported, providers: imported.providers.filter((p) => !isEnhancer(p)) }
        : imported,
    ),
  };
}

/**
 * Opens each request's CLS context (keyed by Fastify's request id) in an onRequest hook, so
 * guards, handlers, transactions and log lines all see it. What nestjs-cls's middleware did,
 * without @fastify/middie and Nest's middleware wrappers around it.
 */
export function registerRequestContext(fastify: FastifyInstance, cls: ClsService): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    cls.run(() => {
      cls.set(CLS_ID, request.id);
      done();
    });
  });
}
