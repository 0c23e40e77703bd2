import type { ProblemDetails } from '@rct/common';
import type { FastifyRequest } from 'fastify';
import type { AuditRecord } from './audit-context';
import { AuditAction, AuditEntityType } from './audit-vocabulary';
import type { RequestFacts } from './request-facts';
import { isUnchainedProblem } from './unchained-problems';

const problem = (status: number): ProblemDetails => ({
  type: 'urn:problem-type:rct:test',
  title: 'Test',
  status,
  detail: 'test',
  instance: '/api/v1/risks',
  requestId: 'req-1',
});

const request = (headers: Record<string, string> = {}): FastifyRequest =>
  ({ headers }) as unknown as FastifyRequest;

const facts = (action?: string): RequestFacts => ({
  method: 'POST',
  route: '/api/v1/risks',
  path: '/api/v1/risks',
  requestId: 'req-1',
  ip: '127.0.0.1',
  userAgent: null,
  actor: { id: null, email: null, role: null },
  apiKeyId: null,
  declared: action ? { action } : undefined,
});

const described: AuditRecord = {
  action: AuditAction.LoginFailed,
  entityType: AuditEntityType.Session,
  entityId: null,
  changes: {},
};

describe(isUnchainedProblem.name, () => {
  it('should leave a 401 without any credentials to the log', () => {
    expect(isUnchainedProblem(problem(401), request(), facts(), undefined)).toBe(true);
  });

  it('should chain a 401 for a presented but invalid bearer token or API key', () => {
    const bearer = request({ authorization: 'Bearer forged' });
    const key = request({ 'x-api-key': 'rct_forged' });

    expect(isUnchainedProblem(problem(401), bearer, facts(), undefined)).toBe(false);
    expect(isUnchainedProblem(problem(401), key, facts(), undefined)).toBe(false);
  });

  it('should chain a sign-in or refresh attempt, and any 401 the code described', () => {
    expect(isUnchainedProblem(problem(401), request(), facts(AuditAction.Login), undefined)).toBe(
      false,
    );
    expect(isUnchainedProblem(problem(401), request(), facts(AuditAction.Refresh), undefined)).toBe(
      false,
    );
    expect(isUnchainedProblem(problem(401), request(), facts(), described)).toBe(false);
  });

  it('should chain every 403 and leave every 429 to the log', () => {
    expect(isUnchainedProblem(problem(403), request(), facts(), undefined)).toBe(false);
    expect(isUnchainedProblem(problem(429), request(), facts(AuditAction.Login), described)).toBe(
      true,
    );
  });
});
