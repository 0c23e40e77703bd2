import { ArgumentsHost, Catch, ExceptionFilter, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { PROBLEM_JSON, ProblemDetails } from './problem-details';
import { ProblemObserver } from './problem-observer';
import { toProblem } from './problem-mapper';

/** Sends a problem as the response; shared by the Nest filter and Fastify's own error handler. */
export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  void reply.status(problem.status).type(PROBLEM_JSON).send(problem);
}

export function problemFor(error: unknown, request: FastifyRequest): ProblemDetails {
  return toProblem(error, { url: request.url, requestId: String(request.id) });
}

const logger = new Logger('ProblemDetails');

/** Logs server faults with their stack (never sent to the client). */
export function logIfServerFault(error: unknown, problem: ProblemDetails): void {
  if (problem.status >= 500) {
    // Only name, message and stack: driver errors also carry query parameters and row data.
    const err =
      error instanceof Error
        ? { type: error.name, message: error.message, stack: error.stack }
        : { type: typeof error };
    logger.error({ err, requestId: problem.requestId }, err.message ?? 'Non-error thrown');
  }
}

/** Every exception that reaches Nest leaves as RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Optional() private readonly observer?: ProblemObserver) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const problem = problemFor(error, request);
    logIfServerFault(error, problem);
    try {
      await this.observer?.observe(error, problem, request);
    } catch (observerError) {
      // The client still gets its answer; the operator gets the reason.
      logger.error({ err: observerError, requestId: problem.requestId }, 'Problem observer failed');
    }
    const reply = http.getResponse<FastifyReply>();
    if (error instanceof DomainError) void reply.headers(error.headers);
    sendProblem(reply, problem);
  }
}
