import { Injectable } from '@nestjs/common';
import { AuditContext } from './audit-context';
import { TransactionRunner } from '@rct/database';
import { IdempotencyService, Replay } from '@rct/idempotency';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** A write that must happen at most once: checked first and remembered last in its transaction. */
interface OnceOnly {
  /** An answer given before, to give instead of writing (nothing written, nothing audited). */
  earlierAnswer(): Promise<Replay | undefined>;
  remember(result: unknown): Promise<void>;
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
    private readonly idempotency: IdempotencyService,
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
  async run<T>(work: () => Promise<T>): Promise<T>;
  async run(work: () => Promise<unknown>, once: OnceOnly): Promise<unknown>;
  async run(work: () => Promise<unknown>, once?: OnceOnly): Promise<unknown> {
    const pending = this.pending();
    if (pending.open) return work();
    pending.open = true;
    try {
      return await this.transactions.run(async () => {
        const earlier = await once?.earlierAnswer();
        if (earlier) return earlier.body;
        const result = await work();
        await this.recorder.recordSuccess(
          pending.facts,
          pending.statusCode,
          this.audit.current(),
          this.audit.related(),
        );
        pending.recorded = true;
        await once?.remember(result);
        return result;
      });
    } finally {
      pending.open = false;
    }
  }

  /**
   * Runs a request's write handler as run() does; a POST with an Idempotency-Key runs at most
   * once. A stored answer is replayed before any transaction opens (one primary-key read);
   * otherwise the key is claimed inside the transaction (409 while another request with it
   * runs) and the answer is stored in it, so it commits with the write or not at all.
   */
  async runRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<unknown>,
  ): Promise<unknown> {
    const idempotent = this.idempotency.read(request, reply);
    if (!idempotent) return this.run(work);
    const replayed = await this.idempotency.replayable(idempotent, reply);
    if (replayed) return replayed.body;
    const statusCode = this.pending().statusCode;
    return this.run(work, {
      earlierAnswer: () => this.idempotency.claim(idempotent, reply),
      remember: (result) => this.idempotency.remember(idempotent, statusCode, result, reply),
    });
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
