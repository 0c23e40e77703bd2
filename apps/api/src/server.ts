import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkEnvironmentOrExit } from '@rct/config';
import { claimEmbeddedDataDirOrExit } from '@rct/database';
import { configureApp } from './configure-app';
import { createFastifyAdapter } from './fastify-adapter';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** A port someone else holds is an operator's slip, worth one line rather than a stack trace. */
async function listenOrExit(app: NestFastifyApplication, host: string, port: number) {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    await app.close().catch(() => undefined);
    const why = code === 'EADDRINUSE' ? 'is already in use' : 'may not be used by this user';
    process.stderr.write(`Port ${port} on ${host} ${why}: stop what holds it, or set PORT.\n`);
    process.exit(1);
  }
}

/**
 * Boots the API around `rootModule` and owns its shutdown: stop accepting, let in-flight
 * requests finish within SHUTDOWN_GRACE_MS, close the pool and the embedded database, exit.
 */
export async function startServer(rootModule: Type<unknown>): Promise<NestFastifyApplication> {
  const env = checkEnvironmentOrExit();
  claimEmbeddedDataDirOrExit(env);
  const startedAt = performance.now();
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    createFastifyAdapter(env),
    { bufferLogs: true },
  );
  await configureApp(app);
  await listenOrExit(app, env.HOST, env.PORT);

  const logger = new Logger('Server');
  if (!env.JWT_SECRET) {
    // Said here, not where the key is made: the seed and admin CLIs sign no tokens.
    logger.warn(
      'JWT_SECRET is not set: using a random key, so access tokens end when the process does.',
    );
  }
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
