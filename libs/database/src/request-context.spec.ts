import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ClsService } from 'nestjs-cls';
import { registerRequestContext, requestContextModule } from './request-context';

@Controller('context')
class ContextController {
  constructor(private readonly cls: ClsService) {}

  @Get()
  async read(): Promise<{ id: string; active: boolean }> {
    await new Promise((resolve) => setImmediate(resolve));
    return { id: this.cls.getId(), active: this.cls.isActive() };
  }
}

describe(registerRequestContext.name, () => {
  it("should open a context per request, keyed by the request's id, that lasts across awaits", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [requestContextModule([])],
      controllers: [ContextController],
    }).compile();
    let next = 0;
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({ genReqId: () => `req-${(next += 1)}` }),
    );
    registerRequestContext(app.getHttpAdapter().getInstance(), app.get(ClsService));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const [first, second] = await Promise.all([
        app.inject({ method: 'GET', url: '/context' }),
        app.inject({ method: 'GET', url: '/context' }),
      ]);
      expect([first.json(), second.json()]).toEqual(
        expect.arrayContaining([
          { id: 'req-1', active: true },
          { id: 'req-2', active: true },
        ]),
      );
    } finally {
      await app.close();
    }
  });
});
