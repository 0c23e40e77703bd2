import { DynamicModule } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { CLS_ID, ClsModule, ClsPlugin, ClsService } from 'nestjs-cls';

/**
 * ClsModule (global, with these plugins) whose per-request context is opened by
 * registerRequestContext; nestjs-cls's own middleware, guard and interceptor stay unmounted.
 */
export function requestContextModule(plugins: ClsPlugin[]): DynamicModule {
  return ClsModule.forRoot({
    global: true,
    plugins,
    middleware: { mount: false },
    guard: { mount: false },
    interceptor: { mount: false },
  });
}

/**
 * Opens each request's CLS context (keyed by Fastify's request id) in an onRequest hook, so
 * guards, handlers, transactions and log lines all see it, from the first hook on.
 */
export function registerRequestContext(fastify: FastifyInstance, cls: ClsService): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    cls.run(() => {
      cls.set(CLS_ID, request.id);
      done();
    });
  });
}
