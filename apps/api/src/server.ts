import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkEnvironmentOrExit } from '@rct/config';
import { configureApp } from './configure-app';
import { createFastifyAdapter } from './fastify-adapter';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Boots the API around `rootModule` and owns its shutdown: stop accepting, let in-flight
 * requests finish within SHUTDOWN_GRACE_MS, close the pool and the embedded database, exit.
 */
export async function startServer(rootModule: Type<unknown>): Promise<NestFastifyApplication> {
  const env = checkEnvironmentOrExit();
  const startedAt = performance.now();
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    createFastifyAdapter(env),
    { bufferLogs: true },
  );
  await configureApp(app);
  await app.listen({ host: env.HOST, port: env.PORT });

  const logger = new Logger('Server');
  logger.log(
    `Listening on ${await app.getUrl()} (ready in ${Math.round(performance.now() - startedAt)} ms)`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining in-flight requests`);
    const server = app.getHttpServer();
    // Keep-alive sockets of requests that finish during the drain turn idle after close()
    // began; sweep them, or the server waits for the client to hang up.
    const sweep = setInterval(() => server.closeIdleConnections(), 200);
    const deadline = setTimeout(() => {
      logger.warn(`Grace period of ${env.SHUTDOWN_GRACE_MS} ms over: closing open connections`);
      server.closeAllConnections();
      process.exitCode = 1;
    }, env.SHUTDOWN_GRACE_MS);
    try {
      await app.close();
      logger.log('Shutdown complete');
    } catch (error) {
      logger.error(error instanceof Error ? error.message : String(error), 'Shutdown failed');
      process.exitCode = 1;
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
    }
    process.exit();
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, (received) => void stop(received));
  }
  return app;
}
