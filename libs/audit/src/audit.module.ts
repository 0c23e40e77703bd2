import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditContext, ProblemObserver } from '@rct/common';
import { AuditChainWriter } from './audit-chain.writer';
import { AuditCoverageCheck } from './audit-coverage.check';
import { AuditProblemObserver } from './audit-problem.observer';
import { AuditRecorder } from './audit-recorder';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditedWrites } from './audited-writes';
import { AuditEventQueueEntity } from './entities/audit-event-queue.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { SystemWriteRunner } from './system-write.runner';

/** Global: every library describes its writes through `AuditContext`. */
@Global()
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([AuditEventEntity, AuditEventQueueEntity])],
  controllers: [AuditController],
  providers: [
    AuditContext,
    AuditChainWriter,
    AuditCoverageCheck,
    AuditRecorder,
    AuditRepository,
    AuditService,
    AuditedWrites,
    SystemWriteRunner,
    { provide: ProblemObserver, useClass: AuditProblemObserver },
  ],
  // AuditedWrites: each module whose writes auditWrites() covers builds its own interceptor.
  exports: [AuditContext, AuditedWrites, SystemWriteRunner, ProblemObserver],
})
export class AuditModule {}
