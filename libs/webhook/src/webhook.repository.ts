import { Injectable } from '@nestjs/common';
import {
  EntityPage,
  Listing,
  PageRequest,
  RepositoryContext,
  VersionedRepository,
} from '@rct/database';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';

const WEBHOOK_LISTING: Listing<'createdAt'> = {
  sortFields: ['createdAt'],
  defaultSort: { field: 'createdAt', direction: 'DESC' },
};

/** Webhook endpoints. Their deliveries are WebhookDeliveryRepository's. */
@Injectable()
export class WebhookRepository extends VersionedRepository<WebhookEndpointEntity> {
  constructor(context: RepositoryContext) {
    super(context, WebhookEndpointEntity, 'webhook');
  }

  list(page: PageRequest): Promise<EntityPage<WebhookEndpointEntity>> {
    return this.page({}, () => this.select(), page, WEBHOOK_LISTING);
  }
}
