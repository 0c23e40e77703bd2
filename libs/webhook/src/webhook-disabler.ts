import { Injectable } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType, SystemWriteRunner } from '@rct/audit';
import { toWebhookResponse } from './webhook.mapper';
import { WebhookRepository } from './webhook.repository';

/** Dead deliveries in a row after which an endpoint is switched off. */
export const DEAD_DELIVERIES_TO_DISABLE = 10;

/** Switches off an endpoint that keeps failing, as the server's own audited write. */
@Injectable()
export class WebhookDisabler {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly system: SystemWriteRunner,
    private readonly audit: AuditContext,
  ) {}

  async disableIfFailing(endpointId: string, deadInARow: number): Promise<boolean> {
    if (deadInARow < DEAD_DELIVERIES_TO_DISABLE) return false;
    const current = await this.webhooks.findById(endpointId);
    if (!current?.active) return false;
    return this.system.run('webhook-disable', async () => {
      const endpoint = await this.webhooks.findByIdForUpdate(endpointId);
      if (!endpoint?.active || endpoint.consecutiveDead < DEAD_DELIVERIES_TO_DISABLE) return false;
      const after = await this.webhooks.update(endpoint, { active: false });
      this.audit.describe({
        action: AuditAction.WebhookDisable,
        entityType: AuditEntityType.Webhook,
        entityId: endpoint.id,
        before: { ...toWebhookResponse(endpoint) },
        after: { ...toWebhookResponse(after) },
        details: {
          consecutiveDeadDeliveries: { from: null, to: endpoint.consecutiveDead },
        },
      });
      return true;
    });
  }
}
