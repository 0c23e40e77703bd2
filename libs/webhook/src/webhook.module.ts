import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@rct/audit';
import { AppConfigService } from '@rct/config';
import { AuditCheckpointListener } from './audit-checkpoint.listener';
import { WebhookDispatcher } from './dispatch/webhook-dispatcher';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { SecretBox } from './secret/secret-box';
import { WebhookTargetGuard } from './ssrf/webhook-target.guard';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDisabler } from './webhook-disabler';
import { WebhookController } from './webhook.controller';
import { WebhookRepository } from './webhook.repository';
import { WebhookService } from './webhook.service';

/** Webhooks: endpoint management, the outbox (see the Webhooks migration) and the dispatcher. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity]), AuditModule],
  controllers: [WebhookController],
  providers: [
    WebhookService,
    WebhookRepository,
    WebhookDeliveryRepository,
    WebhookDisabler,
    WebhookDispatcher,
    AuditCheckpointListener,
    {
      provide: SecretBox,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => new SecretBox(config.get('WEBHOOK_SECRET_KEY')),
    },
    {
      provide: WebhookTargetGuard,
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => new WebhookTargetGuard(config),
    },
  ],
  exports: [WebhookDispatcher],
})
export class WebhookModule {}
