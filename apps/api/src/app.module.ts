import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule, auditWrites } from '@rct/audit';
import { AuthModule, JwtAuthGuard, RolesGuard } from '@rct/auth';
import { createValidationPipe, ProblemDetailsFilter } from '@rct/common';
import { AppConfigModule } from '@rct/config';
import { ControlModule } from '@rct/control';
import { DatabaseModule } from '@rct/database';
import { EvidenceModule } from '@rct/evidence';
import { RiskModule } from '@rct/risk';
import { RiskWorkflowModule } from '@rct/risk-workflow';
import { TaskModule } from '@rct/task';
import { UserModule } from '@rct/user';
import { apiRoutes } from './api-routes';
import { FirstAdminModule } from './first-admin/first-admin.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging.module';

/** The feature modules served under /api/v1. */
const FEATURE_MODULES = [
  AuthModule,
  UserModule,
  AuditModule,
  RiskModule,
  ControlModule,
  EvidenceModule,
  TaskModule,
  RiskWorkflowModule,
];

// Transaction and audit event for every write handler of these modules. Not an
// APP_INTERCEPTOR, so reads skip Nest's interceptor pipeline; AuditModule refuses to start
// if a write handler anywhere in the app is left out.
auditWrites(FEATURE_MODULES);

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    EventEmitterModule.forRoot(),
    ScheduleModule.forRoot(),
    HealthModule,
    AuditModule,
    // Auth may import neither: they provide its UserAccounts and SessionAudit.
    AuthModule.register({ imports: [UserModule, AuditModule] }),
    UserModule,
    FirstAdminModule,
    RiskModule,
    ControlModule,
    EvidenceModule,
    TaskModule,
    RiskWorkflowModule,
    apiRoutes(FEATURE_MODULES),
  ],
  providers: [
    // Order matters: authentication, then roles; validation runs after both.
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: RolesGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
