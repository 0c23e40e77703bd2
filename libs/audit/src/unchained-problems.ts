import { presentsCredentials, problemType, type ProblemDetails } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import type { AuditRecord } from './audit-context';
import { AuditAction } from './audit-vocabulary';
import type { RequestFacts } from './request-facts';

/** A retry while the first request with its Idempotency-Key runs: flow control, like a 429. */
const IN_FLIGHT = problemType('idempotency-key-in-flight');

/** Routes whose 401 is an attempt to sign in, chained even without credentials. */
const SESSION_ATTEMPTS = new Set<string>([AuditAction.Login, AuditAction.Refresh]);

/**
 * Problems that the request log records and the chain does not (DESIGN "Audit"): a 401 for a
 * request that carried no credentials at all and attempted no sign-in, so an anonymous flood
 * can neither grow the trail nor contend for its lock; and every 429, which the rate limit
 * answers exactly when a client is flooding. A presented but invalid credential, a failed
 * sign-in and every 403 are still chained. A 409 for an Idempotency-Key still in flight is left
 * to the log too: a client retrying its POST in a loop must not grow the trail while it waits.
 */
export function isUnchainedProblem(
  problem: ProblemDetails,
  request: FastifyRequest,
  facts: RequestFacts,
  record: AuditRecord | undefined,
): boolean {
  if (problem.status === 429 || problem.type === IN_FLIGHT) return true;
  if (problem.status !== 401 || record) return false;
  const attempt = facts.declared?.action;
  return !presentsCredentials(request) && !(attempt && SESSION_ATTEMPTS.has(attempt));
}
