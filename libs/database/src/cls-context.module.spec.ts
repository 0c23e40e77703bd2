import { Controller, DynamicModule, Get, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ClsModule, ClsService } from 'nestjs-cls';
import { clsMiddlewareModule } from './cls-context.module';

function providerTokens(module: DynamicModule): unknown[] {
  const nested = (module.imports ?? []).flatMap((imported) =>
    'providers' in imported ? (imported.providers ?? []) : [],
  );
  return nested.map((provider: Provider) =>
    typeof provider === 'object' ? provider.provide : provider,
  );
}

@Controller('context')
class ContextController {
  constructor(private readonly cls: ClsService) {}

  @Get()
  read(): { id: string; active: boolean } {
    return { id: this.cls.getId(), active: this.cls.isActive() };
  }
}

describe(clsMiddlewareModule.name, () => {
  const options = { global: true, middleware: { mount: true, generateId: true } };

  it('should leave out the no-op global guard and interceptor that ClsModule registers', () => {
    const stock = providerTokens(ClsModule.forRoot(options));
    expect(stock).toEqual(expect.arrayContaining([APP_GUARD, APP_INTERCEPTOR]));

    const trimmed = providerTokens(clsMiddlewareModule(options));
    expect(trimmed).not.toContain(APP_GUARD);
    expect(trimmed).not.toContain(APP_INTERCEPTOR);
    expect(trimmed).toHaveLength(stock.length - 2);
  });

  it('should refuse options that mount the guard or the interceptor', () => {
    expect(() => clsMiddlewareModule({ ...options, guard: { mount: true } })).toThrow();
    expect(() => clsMiddlewareModule({ ...options, interceptor: { mount: true } })).toThrow();
  });

  it('should still open a context per request in the middleware', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [clsMiddlewareModule(options)],
      controllers: [ContextController],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const first = await app.inject({ method: 'GET', url: '/context' });
      const second = await app.inject({ method: 'GET', url: '/context' });
      expect(first.json()).toMatchObject({ active: true, id: expect.any(String) });
      expect(second.json().id).not.toBe(first.json().id);
    } finally {
      await app.close();
    }
  });
});
