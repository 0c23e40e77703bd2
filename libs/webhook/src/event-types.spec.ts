import { isWebhookEventType } from './event-types';

describe(isWebhookEventType.name, () => {
  it.each([
    '*',
    'audit.checkpoint',
    'risk.create',
    'risk.*',
    'evidence.review',
    'webhook.webhook_disable',
    'session.login',
  ])('should accept %s', (value) => expect(isWebhookEventType(value)).toBe(true));

  it.each([
    '',
    'risk',
    'risk.',
    '.create',
    'risk.explode',
    'planet.create',
    'risk.create.extra',
    '**',
    'risk.*x',
    5,
    null,
  ])('should refuse %p', (value) => expect(isWebhookEventType(value)).toBe(false));
});
