import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { RiskModule } from '@rct/risk';
import { AcceptanceExpiryScheduler } from './acceptances/expiry/acceptance-expiry.scheduler';
import { AcceptanceExpiryService } from './acceptances/expiry/acceptance-expiry.service';
import { RiskAcceptanceEntity } from './acceptances/entities/risk-acceptance.entity';
import { RiskAcceptanceController } from './acceptances/risk-acceptance.controller';
import { RiskAcceptanceRepository } from './acceptances/risk-acceptance.repository';
import { RiskAcceptanceService } from './acceptances/risk-acceptance.service';
import { RiskReviewEntity } from './reviews/entities/risk-review.entity';
import { RiskReviewController } from './reviews/risk-review.controller';
import { RiskReviewRepository } from './reviews/risk-review.repository';
import { RiskReviewService } from './reviews/risk-review.service';

/** Periodic reviews and acceptances of risks, and the server's expiry of acceptances. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RiskReviewEntity, RiskAcceptanceEntity]),
    AuditModule,
    RiskModule,
  ],
  controllers: [RiskReviewController, RiskAcceptanceController],
  providers: [
    RiskReviewService,
    RiskReviewRepository,
    RiskAcceptanceService,
    RiskAcceptanceRepository,
    AcceptanceExpiryService,
    AcceptanceExpiryScheduler,
  ],
  exports: [RiskReviewService, RiskAcceptanceService, AcceptanceExpiryService],
})
export class RiskWorkflowModule {}
