import { Module } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import { ClsService } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, Logger as PinoLogger } from 'pino';

/** Anything that could let a reader of the logs act as a user. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

/** Injection token of the process's one pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * The process's logger. A line written while a request is handled names the request: the id
 * comes from the request's CLS context as the line is written, instead of a child logger built
 * (and its bindings serialized and redacted) for every request (bench/README.md has the cost).
 */
export function createRootLogger(
  level: string,
  cls: ClsService,
  destination?: DestinationStream,
): PinoLogger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      // A fresh object each time: pino merges the line's own fields into it.
      mixin: () => {
        const requestId = cls.isActive() ? cls.getId() : undefined;
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [AppConfigService, ClsService],
      useFactory: (config: AppConfigService, cls: ClsService) =>
        createRootLogger(config.get('LOG_LEVEL'), cls),
    },
  ],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * Nest's logger writes through the root logger; the one line per request comes from a Fastify
 * hook (request-log.ts), so nestjs-pino mounts no middleware of its own.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      useFactory: (logger: PinoLogger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
  exports: [RootLoggerModule],
})
export class LoggingModule {}
