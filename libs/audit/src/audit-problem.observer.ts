import { Injectable } from '@nestjs/common';
import { ProblemDetails, ProblemObserver } from '@rct/common';
import { AuditContext } from './audit-context';
import { AuditOutcome } from './audit-vocabulary';
import { isMutatingMethod } from '@rct/database';
import type { FastifyRequest } from 'fastify';
import { AuditRecorder } from './audit-recorder';
import { requestFacts } from './request-facts';
import { isUnchainedProblem } from './unchained-problems';

/**
 * Records denials (401, 403) on any route and failures of mutating requests, except what
 * isUnchainedProblem leaves to the request log. Guards run before interceptors, so this is the
 * one place every such outcome passes; it writes outside the request's transaction, which has
 * been rolled back by now.
 */
@Injectable()
export class AuditProblemObserver extends ProblemObserver {
  constructor(
    private readonly recorder: AuditRecorder,
    private readonly audit: AuditContext,
  ) {
    super();
  }

  async observe(_error: unknown, problem: ProblemDetails, request: FastifyRequest): Promise<void> {
    const record = this.audit.current();
    const facts = requestFacts(request);
    if (isUnchainedProblem(problem, request, facts, record)) return;
    // A 401 the code described (a failed sign-in, a reused token) is a failure; a bare 401 or
    // any 403 is a guard's denial.
    const denied = problem.status === 403 || (problem.status === 401 && !record);
    if (!denied && !isMutatingMethod(request.method)) return;
    const outcome = denied ? AuditOutcome.Denied : AuditOutcome.Failed;
    await this.recorder.recordApart(facts, outcome, problem.status, record);
  }
}
