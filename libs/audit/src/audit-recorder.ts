import { Injectable } from '@nestjs/common';
import { AuditAction, AuditEntityType, AuditOutcome } from './audit-vocabulary';
import { AuditRecord } from './audit-context';
import { TransactionRunner } from '@rct/database';
import { AuditChainWriter } from './audit-chain.writer';
import { RequestFacts } from './request-facts';

const ACTION_BY_METHOD: Record<string, AuditAction> = {
  POST: AuditAction.Create,
  PUT: AuditAction.Update,
  PATCH: AuditAction.Update,
  DELETE: AuditAction.Delete,
};

/**
 * The route's declared action (@AuditedAs) when the code said nothing, as when a request fails
 * before its handler runs: a failed sign-in is recorded as one, not as a `create`.
 */
function declaredAction(facts: RequestFacts, outcome: AuditOutcome): AuditAction | undefined {
  const declared = facts.declared;
  const action =
    outcome === AuditOutcome.Success ? declared?.action : (declared?.onFailure ?? declared?.action);
  return action as AuditAction | undefined;
}

/** Builds audit events from a request and what its code described, and appends them. */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly writer: AuditChainWriter,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Inside the request's transaction: commits or rolls back with the change itself. `related`
   * are further entities the same write changed, each an event of its own after the main one.
   */
  async recordSuccess(
    facts: RequestFacts,
    statusCode: number,
    record?: AuditRecord,
    related: AuditRecord[] = [],
  ) {
    await this.writer.append(this.draft(facts, AuditOutcome.Success, statusCode, record));
    for (const other of related) {
      await this.writer.append(this.draft(facts, AuditOutcome.Success, statusCode, other));
    }
  }

  /**
   * In a transaction of its own: for a request whose own transaction was rolled back or never
   * began (a denial, a failure), or that wrote nothing (an export).
   */
  async recordApart(
    facts: RequestFacts,
    outcome: AuditOutcome,
    statusCode: number,
    record?: AuditRecord,
  ) {
    await this.transactions.run(() =>
      this.writer.append(this.draft(facts, outcome, statusCode, record)),
    );
  }

  private draft(
    facts: RequestFacts,
    outcome: AuditOutcome,
    statusCode: number,
    record?: AuditRecord,
  ) {
    const actor = record?.actor ?? facts.actor;
    return {
      actorId: actor.id,
      actorEmail: actor.email,
      actorRole: actor.role,
      action:
        record?.action ??
        declaredAction(facts, outcome) ??
        ACTION_BY_METHOD[facts.method] ??
        AuditAction.Read,
      outcome,
      entityType:
        record?.entityType ?? (facts.declared?.entityType as AuditEntityType | undefined) ?? null,
      entityId: record?.entityId ?? null,
      method: facts.method,
      route: facts.route,
      path: facts.path,
      statusCode,
      requestId: facts.requestId,
      ip: facts.ip,
      userAgent: facts.userAgent,
      changes: record?.changes ?? {},
      apiKeyId: facts.apiKeyId,
    };
  }
}
