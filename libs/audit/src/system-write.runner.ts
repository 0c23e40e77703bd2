import { Injectable } from '@nestjs/common';
import { AuditContext } from '@rct/common';
import { TransactionRunner } from '@rct/database';
import { ClsService } from 'nestjs-cls';
import { AuditRecorder } from './audit-recorder';
import { systemFacts } from './request-facts';

/**
 * Runs a write the server makes on its own (first admin, CLI) the way a request's write runs:
 * in one transaction, with its audit event appended before commit.
 */
@Injectable()
export class SystemWriteRunner {
  constructor(
    private readonly cls: ClsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditContext,
    private readonly recorder: AuditRecorder,
  ) {}

  run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return this.cls.run(() => {
      this.audit.begin();
      return this.transactions.run(async () => {
        const result = await work();
        await this.recorder.recordSuccess(systemFacts(operation), 0, this.audit.current());
        return result;
      });
    });
  }
}
