import { Module, RequestMethod } from '@nestjs/common';
import { AppConfigService } from '@rct/config';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';

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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        // Every path, including unknown routes and /docs, gets its request line.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req: IncomingMessage) => req.id,
          customAttributeKeys: { reqId: 'requestId' },
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
          // Probes poll constantly; logging each would drown the useful lines.
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
