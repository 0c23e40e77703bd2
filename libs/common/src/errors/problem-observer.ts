import type { FastifyRequest } from 'fastify';
import { ProblemDetails } from './problem-details';

/**
 * Told about every error response before it is sent (the audit trail records denials and
 * failures through it). Provided by another library; the filter works without one.
 */
export abstract class ProblemObserver {
  abstract observe(error: unknown, problem: ProblemDetails, request: FastifyRequest): Promise<void>;
}
