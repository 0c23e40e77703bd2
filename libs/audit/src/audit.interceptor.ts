import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { AuditContext } from '@rct/common';
import { TransactionRunner } from '@rct/database';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AuditRecorder } from './audit-recorder';
import { requestFacts } from './request-facts';

/**
 * Runs a write handler (POST/PUT/PATCH/DELETE; attached by auditWrites) in one transaction and
 * appends the request's audit event in it, before commit: the change and its record land
 * together or not at all.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly recorder: AuditRecorder,
    private readonly audit: AuditContext,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.audit.begin();
    const statusCode = this.successStatus(context, request.method);
    return from(
      this.transactions.run(async () => {
        const result: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.recorder.recordSuccess(requestFacts(request), statusCode, this.audit.current());
        return result;
      }),
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
