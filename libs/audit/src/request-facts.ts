import type { AuthUser } from '@rct/auth';
import { declaredAudit, DeclaredAudit } from '@rct/common';
import { AuditActor } from './audit-vocabulary';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

/** What an audit event records about the HTTP request that caused it. */
export interface RequestFacts {
  method: string;
  route: string | null;
  path: string;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  actor: AuditActor;
  /** The API key the request was made with, if any. */
  apiKeyId: string | null;
  /** What the route declares about its events (@AuditedAs), if anything. */
  declared?: DeclaredAudit;
}

const ANONYMOUS: AuditActor = { id: null, email: null, role: null };

export function requestFacts(request: FastifyRequest): RequestFacts {
  const user = (request as FastifyRequest & { user?: AuthUser }).user;
  const userAgent = request.headers['user-agent'];
  return {
    method: request.method,
    // The route template (`/api/v1/users/:id`); absent for unknown routes.
    route: request.routeOptions?.url ?? null,
    path: request.url.split('?')[0],
    requestId: String(request.id),
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    actor: user ? { id: user.id, email: user.email, role: user.role } : ANONYMOUS,
    apiKeyId: user?.apiKeyId ?? null,
    declared: declaredAudit(request),
  };
}

/** Facts for a write made by the server itself (first admin, CLI), not by an HTTP request. */
export function systemFacts(operation: string): RequestFacts {
  return {
    method: 'SYSTEM',
    route: null,
    path: operation,
    requestId: randomUUID(),
    ip: null,
    userAgent: null,
    actor: { id: null, email: null, role: 'system' },
    apiKeyId: null,
  };
}
