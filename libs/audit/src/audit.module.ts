import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditContext, ProblemObserver } from '@rct/common';
import { AuditChainWriter } from './audit-chain.writer';
import { AuditProblemObserver } from './audit-problem.observer';
import { AuditRecorder } from './audit-recorder';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditService } from './audit.service';
import { AuditEventEntity } from './entities/audit-event.entity';
import { SystemWriteRunner } from './system-write.runner';

/** Global: every library describes its writes through `AuditContext`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  controllers: [AuditController],
  providers: [
    AuditContext,
    AuditChainWriter,
    AuditRecorder,
    AuditService,
    AuditInterceptor,
    SystemWriteRunner,
    { provide: ProblemObserver, useClass: AuditProblemObserver },
  ],
  exports: [AuditContext, AuditInterceptor, SystemWriteRunner, ProblemObserver],
})
export class AuditModule {}
