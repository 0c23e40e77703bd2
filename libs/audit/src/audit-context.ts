import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { diffSnapshots } from './audit-diff';
import { AuditAction, AuditActor, AuditChanges, AuditEntityType } from './audit-vocabulary';

/** What the code serving a request says about it, for its one audit event. */
export interface AuditDescription {
  action: AuditAction;
  entityType?: AuditEntityType;
  entityId?: string | null;
  /** Snapshots before and after (null when the entity did not or no longer exists). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts beside the diff (e.g. a revocation reason); never secrets. */
  details?: AuditChanges;
  /** Overrides the request's user, e.g. the user who just signed in. */
  actor?: AuditActor;
}

export interface AuditRecord {
  action: AuditAction;
  entityType: AuditEntityType | null;
  entityId: string | null;
  changes: AuditChanges;
  actor?: AuditActor;
}

function toRecord(description: AuditDescription): AuditRecord {
  return {
    action: description.action,
    entityType: description.entityType ?? null,
    entityId: description.entityId ?? null,
    changes: {
      ...diffSnapshots(description.before, description.after),
      ...(description.details ?? {}),
    },
    actor: description.actor,
  };
}

const SCOPE_KEY = 'rct:audit-scope';

/** Mutable holder created outside the request's transaction, so the error path sees it too. */
class AuditScope {
  record?: AuditRecord;
  related: AuditRecord[] = [];
}

/**
 * The audit-context API: services describe what a request did (entity, action, before and
 * after); the audit interceptor and the error path turn that into the request's audit event.
 */
@Injectable()
export class AuditContext {
  constructor(private readonly cls: ClsService) {}

  /** Opens the request's scope; called by the audit interceptor before the transaction. */
  begin(): void {
    if (this.cls.isActive()) this.cls.set(SCOPE_KEY, new AuditScope());
  }

  describe(description: AuditDescription): void {
    const scope = this.scope();
    if (!scope) return;
    scope.record = toRecord(description);
  }

  /**
   * Describes a further entity the same write changed (the risk a review moves): it gets an
   * event of its own in the same transaction, so its history and its state as of any moment
   * come from its own events alone.
   */
  describeRelated<T extends { id: string }>(
    action: AuditAction,
    entityType: AuditEntityType,
    before: T,
    after: T,
  ): void {
    this.scope()?.related.push(
      toRecord({
        action,
        entityType,
        entityId: after.id,
        before: { ...before },
        after: { ...after },
      }),
    );
  }

  /** The further entities' records, in the order they were described. */
  related(): AuditRecord[] {
    return this.scope()?.related ?? [];
  }

  /** Describes a create (before null), update or delete (after null) of one entity. */
  describeChange<T extends { id: string }>(
    action: AuditAction,
    entityType: AuditEntityType,
    before: T | null,
    after: T | null,
  ): void {
    this.describe({
      action,
      entityType,
      entityId: (after ?? before)?.id ?? null,
      before: before ? { ...before } : null,
      after: after ? { ...after } : null,
    });
  }

  current(): AuditRecord | undefined {
    return this.scope()?.record;
  }

  private scope(): AuditScope | undefined {
    return this.cls.isActive() ? this.cls.get<AuditScope | undefined>(SCOPE_KEY) : undefined;
  }
}
