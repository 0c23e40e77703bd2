import { NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { registerEtagHeader, registerJsonBodies, registerInputGuard } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { registerRequestContext } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { ROOT_LOGGER } from './logging.module';
import { registerRequestLog } from './request-log';
import { registerSecurityHeaders } from './security-headers';
import { setupSwagger } from './swagger';

/**
 * Everything both main.ts and the e2e test app need beyond the module graph, so tests run the
 * exact pipeline production runs. Global guards, pipes, filters and interceptors are APP_*
 * providers in AppModule, not here.
 */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  registerRequestContext(fastify, app.get(ClsService));
  // Echo the request id before anything can fail, so error responses carry it too.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    done();
  });

  registerSecurityHeaders(fastify);
  registerJsonBodies(app);
  registerInputGuard(fastify);
  registerEtagHeader(fastify);
  registerRequestLog(fastify, app.get<symbol, PinoLogger>(ROOT_LOGGER));

  // Multipart bodies (evidence uploads) are read as streams by the routes that take them.
  await app.register(multipart, {
    limits: {
      fileSize: app.get(AppConfigService).get('EVIDENCE_MAX_FILE_BYTES'),
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 6,
      headerPairs: 50,
    },
  });

  setupSwagger(app);
}
