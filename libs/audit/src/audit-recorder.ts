import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AuditAction, AuditOutcome, AuditRecord } from '@rct/common';
import { DataSource } from 'typeorm';
import { AuditChainWriter } from './audit-chain.writer';
import { RequestFacts } from './request-facts';

const ACTION_BY_METHOD: Record<string, AuditAction> = {
  POST: AuditAction.Create,
  PUT: AuditAction.Update,
  PATCH: AuditAction.Update,
  DELETE: AuditAction.Delete,
};

/** Builds audit events from a request and what its code described, and appends them. */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly writer: AuditChainWriter,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  /** Inside the request's transaction: commits or rolls back with the change itself. */
  async recordSuccess(facts: RequestFacts, statusCode: number, record?: AuditRecord) {
    await this.writer.append(
      this.txHost.tx,
      this.draft(facts, AuditOutcome.Success, statusCode, record),
    );
  }

  /** In a transaction of its own: the request's own work was rolled back or never began. */
  async recordProblem(
    facts: RequestFacts,
    outcome: AuditOutcome,
    statusCode: number,
    record?: AuditRecord,
  ) {
    await this.dataSource.transaction((manager) =>
      this.writer.append(manager, this.draft(facts, outcome, statusCode, record)),
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
      action: record?.action ?? ACTION_BY_METHOD[facts.method] ?? AuditAction.Read,
      outcome,
      entityType: record?.entityType ?? null,
      entityId: record?.entityId ?? null,
      method: facts.method,
      route: facts.route,
      path: facts.path,
      statusCode,
      requestId: facts.requestId,
      ip: facts.ip,
      userAgent: facts.userAgent,
      changes: record?.changes ?? {},
    };
  }
}
