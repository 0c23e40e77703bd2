import { EntityHistory } from './history/entity-history';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionAudit } from '@rct/auth';
import { ProblemObserver } from '@rct/common';
import { AppConfigService } from '@rct/config';
import { IdempotencyModule } from '@rct/idempotency';
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
import { AuditCheckpointController } from './checkpoints/audit-checkpoint.controller';
import { AuditCheckpointRepository } from './checkpoints/audit-checkpoint.repository';
import { AuditCheckpointScheduler } from './checkpoints/audit-checkpoint.scheduler';
import { AuditCheckpointService } from './checkpoints/audit-checkpoint.service';
import { AuditCheckpointWriter } from './checkpoints/audit-checkpoint.writer';
import { AuditSigningKey } from './checkpoints/audit-signing-key';
import { AuditVerificationService } from './checkpoints/audit-verification.service';
import { AuditCheckpointEntity } from './entities/audit-checkpoint.entity';
import { AuditEventQueueEntity } from './entities/audit-event-queue.entity';
import { AuditEventEntity } from './entities/audit-event.entity';
import { AuditSigningKeyEntity } from './entities/audit-signing-key.entity';
import { AuditExportController } from './export/audit-export.controller';
import { AuditExportService } from './export/audit-export.service';
import { ResourceExporter } from './export/resource-exporter';
import { SystemWriteRunner } from './system-write.runner';

/** The audit trail: every domain module imports it to describe its writes (AuditContext). */
@Module({
  imports: [
    DiscoveryModule,
    IdempotencyModule,
    TypeOrmModule.forFeature([
      AuditEventEntity,
      AuditEventQueueEntity,
      AuditCheckpointEntity,
      AuditSigningKeyEntity,
    ]),
  ],
  controllers: [AuditController, AuditCheckpointController, AuditExportController],
  providers: [
    AuditContext,
    EntityHistory,
    AuditChainWriter,
    AuditCheckpointRepository,
    AuditCheckpointScheduler,
    AuditCheckpointService,
    AuditCheckpointWriter,
    {
      provide: AuditSigningKey,
      inject: [AppConfigService],
      useFactory: AuditSigningKey.fromConfig,
    },
    AuditVerificationService,
    AuditExportService,
    ResourceExporter,
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
  exports: [
    AuditContext,
    AuditedWrites,
    SystemWriteRunner,
    ProblemObserver,
    SessionAudit,
    ResourceExporter,
    EntityHistory,
  ],
})
export class AuditModule {}
