import { Injectable } from '@nestjs/common';
import { AuditContext } from './audit-context';
import { TransactionRunner } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { AuditRecorder } from './audit-recorder';
import { RequestFacts } from './request-facts';

const PENDING_KEY = 'rct:audited-write';

/** The write a request (or the server itself) is making, and whether its event is in. */
interface PendingWrite {
  facts: RequestFacts;
  statusCode: number;
  open: boolean;
  recorded: boolean;
}

/**
 * One transaction per write, its audit event appended inside it before COMMIT: the change and
 * its record land together or not at all. The audit interceptor opens it around the handler;
 * a handler marked @DeferredTransaction opens it from its service, once its body has arrived.
 */
@Injectable()
export class AuditedWrites {
  constructor(
    private readonly cls: ClsService,
    private readonly transactions: TransactionRunner,
    private readonly recorder: AuditRecorder,
    private readonly audit: AuditContext,
  ) {}

  /** Opens the write's audit scope; its event will record `facts` and `statusCode`. */
  begin(facts: RequestFacts, statusCode: number): void {
    this.audit.begin();
    this.cls.set<PendingWrite>(PENDING_KEY, { facts, statusCode, open: false, recorded: false });
  }

  /**
   * Runs `work` in the write's transaction and appends the event before it commits. Called
   * again inside it, it only runs `work`: the outer call records.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const pending = this.pending();
    if (pending.open) return work();
    pending.open = true;
    try {
      return await this.transactions.run(async () => {
        const result = await work();
        await this.recorder.recordSuccess(
          pending.facts,
          pending.statusCode,
          this.audit.current(),
          this.audit.related(),
        );
        pending.recorded = true;
        return result;
      });
    } finally {
      pending.open = false;
    }
  }

  /**
   * Runs a @DeferredTransaction handler, whose service calls run() itself; if it answered
   * without writing, its event is recorded on its own.
   */
  async runDeferred<T>(handler: () => Promise<T>): Promise<T> {
    const result = await handler();
    if (!this.pending().recorded) await this.run(() => Promise.resolve(undefined));
    return result;
  }

  private pending(): PendingWrite {
    const pending = this.cls.isActive()
      ? this.cls.get<PendingWrite | undefined>(PENDING_KEY)
      : undefined;
    if (!pending) throw new Error('A write ran outside AuditedWrites.begin (no audit event)');
    return pending;
  }
}
