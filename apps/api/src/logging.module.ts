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
          // One short line per request: not every request and response header (helmet's
          // alone are 700 bytes), which made logging the most expensive part of a read.
          serializers: {
            req: (req: {
              id: unknown;
              method: string;
              url: string;
              remoteAddress?: string;
              headers?: Record<string, unknown>;
            }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
              remoteAddress: req.remoteAddress,
              userAgent: req.headers?.['user-agent'],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
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
