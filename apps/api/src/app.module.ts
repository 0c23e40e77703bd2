import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { createValidationPipe, ProblemDetailsFilter } from '@rct/common';
import { AppConfigModule } from '@rct/config';
import { DatabaseModule, TransactionInterceptor } from '@rct/database';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging.module';

@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, HealthModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useExisting: TransactionInterceptor },
  ],
})
export class AppModule {}
