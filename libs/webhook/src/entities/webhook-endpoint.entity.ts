import { VersionedEntityBase } from '@rct/database';
import { Column, Entity } from 'typeorm';

@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity extends VersionedEntityBase {
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The signing secret as SecretBox stores it; never leaves the lib. */
  @Column({ type: 'text' })
  secret: string;

  /** Dead deliveries since the last success; at 10 the endpoint is switched off. */
  @Column({ name: 'consecutive_dead', type: 'integer', default: 0 })
  consecutiveDead: number;
}
