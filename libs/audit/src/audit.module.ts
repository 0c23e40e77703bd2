import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionAudit } from '@rct/auth';
import { ProblemObserver } from '@rct/common';
import { AuditedSessions } from './audited-sessions';
import { AuditContext } from './audit-context';
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

/** The audit trail: every domain module imports it to describe its writes (AuditContext). */
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
    { provide: SessionAudit, useClass: AuditedSessions },
  ],
  // AuditedWrites: each module whose writes auditWrites() covers builds its own interceptor.
  exports: [AuditContext, AuditedWrites, SystemWriteRunner, ProblemObserver, SessionAudit],
})
export class AuditModule {}
