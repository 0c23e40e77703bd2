/** pending: not tried yet; failed: tried, will be retried; dead: out of retries. */
export enum WebhookDeliveryStatus {
  Pending = 'pending',
  Succeeded = 'succeeded',
  Failed = 'failed',
  Dead = 'dead',
}
