export { WebhookModule } from './webhook.module';
export { WebhookDispatcher } from './dispatch/webhook-dispatcher';
export { WebhookDeliveryStatus } from './enums/webhook-delivery-status.enum';
