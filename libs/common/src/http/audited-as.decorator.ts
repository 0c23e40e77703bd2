import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** What a route declares about its audit events (values of the audit library's vocabulary). */
export interface DeclaredAudit {
  action: string;
  /** The action of a failed attempt, when it has one of its own (`login_failed`). */
  onFailure?: string;
  entityType?: string;
}

const KEY = 'rctAudit';

/**
 * Declares the audit action of a route whose action its HTTP method does not say (sign-in,
 * review, upload). It lives in the Fastify route's config, so the events of requests that fail
 * before the handler runs (a guard's 403, a validation 400, a 412) carry it too.
 */
export function AuditedAs(
  action: string,
  extra: Omit<DeclaredAudit, 'action'> = {},
): MethodDecorator & ClassDecorator {
  return RouteConfig({ [KEY]: { action, ...extra } satisfies DeclaredAudit });
}

export function declaredAudit(request: FastifyRequest): DeclaredAudit | undefined {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  return config?.[KEY] as DeclaredAudit | undefined;
}
