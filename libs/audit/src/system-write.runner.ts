import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AuditedWrites } from './audited-writes';
import { systemFacts } from './request-facts';

/**
 * Runs a write the server makes on its own (first admin, CLI) the way a request's write runs:
 * in one transaction, with its audit event appended before commit.
 */
@Injectable()
export class SystemWriteRunner {
  constructor(
    private readonly cls: ClsService,
    private readonly writes: AuditedWrites,
  ) {}

  run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return this.cls.run(() => {
      this.writes.begin(systemFacts(operation), 0);
      return this.writes.run(work);
    });
  }
}
