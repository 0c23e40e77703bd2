import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { keepsWrites } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';

type Outcome = { value: unknown } | { error: unknown };

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutatingMethod(method: string): boolean {
  return MUTATING_METHODS.has(method.toUpperCase());
}

/**
 * Runs every mutating handler in one database transaction: services write through
 * `TransactionHost.tx`, and a thrown error rolls back everything the request wrote.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isMutatingMethod(request.method)) {
      return next.handle();
    }
    return from(this.runInTransaction(next));
  }

  private async runInTransaction(next: CallHandler): Promise<unknown> {
    const outcome = await this.txHost.withTransaction(async (): Promise<Outcome> => {
      try {
        return { value: await lastValueFrom(next.handle(), { defaultValue: undefined }) };
      } catch (error) {
        // A failure that must leave a trace (e.g. a revoked token family) commits first.
        if (keepsWrites(error)) return { error };
        throw error;
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}
