import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { ApiKeyModule } from '@rct/api-key';
import { AuditModule, auditWrites } from '@rct/audit';
import {
  AnonymousRateLimitGuard,
  AuthModule,
  JwtAuthGuard,
  RateLimitGuard,
  RolesGuard,
} from '@rct/auth';
import { createValidationPipe, ProblemDetailsFilter } from '@rct/common';
import { AppConfigModule } from '@rct/config';
import { ControlModule } from '@rct/control';
import { CountersModule } from '@rct/counters';
import { DatabaseModule } from '@rct/database';
import { EvidenceModule } from '@rct/evidence';
import { RiskModule } from '@rct/risk';
import { ReportModule } from '@rct/report';
import { RiskWorkflowModule } from '@rct/risk-workflow';
import { TaskModule } from '@rct/task';
import { UserModule } from '@rct/user';
import { WebhookModule } from '@rct/webhook';
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
  ReportModule,
  WebhookModule,
  ApiKeyModule,
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
    CountersModule,
    EventEmitterModule.forRoot(),
    ScheduleModule.forRoot(),
    HealthModule,
    AuditModule,
    // Auth may import none of them: they provide its UserAccounts, SessionAudit and
    // ApiKeyAuthenticator.
    AuthModule.register({ imports: [UserModule, AuditModule, ApiKeyModule] }),
    UserModule,
    FirstAdminModule,
    RiskModule,
    ControlModule,
    EvidenceModule,
    TaskModule,
    ReportModule,
    WebhookModule,
    ApiKeyModule,
    RiskWorkflowModule,
    apiRoutes(FEATURE_MODULES),
  ],
  providers: [
    // Order matters: the anonymous rate limit (requests without credentials), authentication,
    // the rate limits that need to know the principal, then roles; validation runs after all.
    { provide: APP_GUARD, useExisting: AnonymousRateLimitGuard },
    { provide: APP_GUARD, useExisting: JwtAuthGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
    { provide: APP_GUARD, useExisting: RolesGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
