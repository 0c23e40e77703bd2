import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagOf } from './etag';

function versionOf(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' ? version : undefined;
}

/** Every single-resource response (a body with a numeric `version`) carries its ETag. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = versionOf(body);
        if (version !== undefined) void reply.header('ETag', etagOf(version));
        return body;
      }),
    );
  }
}
