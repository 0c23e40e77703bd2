import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuditedWrites } from './audited-writes';
import { DEFERRED_TRANSACTION } from './deferred-transaction.decorator';
import { requestFacts } from './request-facts';

/**
 * Runs a write handler (POST/PUT/PATCH/DELETE; attached by auditWrites) in one transaction and
 * appends the request's audit event in it, before commit (AuditedWrites); a POST with an
 * Idempotency-Key runs at most once (AuditedWrites.runRequest).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly writes: AuditedWrites,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    this.writes.begin(requestFacts(request), this.successStatus(context, request.method));
    const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    const deferred = this.reflector.get<boolean | undefined>(
      DEFERRED_TRANSACTION,
      context.getHandler(),
    );
    return from(
      deferred ? this.writes.runDeferred(handle) : this.writes.runRequest(request, reply, handle),
    );
  }

  /** The status Nest will send: @HttpCode if set, else 201 for POST and 200 otherwise. */
  private successStatus(context: ExecutionContext, method: string): number {
    const declared = this.reflector.get<number | undefined>(
      HTTP_CODE_METADATA,
      context.getHandler(),
    );
    return declared ?? (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
  }
}
