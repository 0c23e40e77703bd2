import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyRequest } from 'fastify';
import { AuditedAs, declaredAudit } from './audited-as.decorator';

class Probe {
  @AuditedAs('login', { onFailure: 'login_failed', entityType: 'session' })
  login(): void {}
}

describe(AuditedAs.name, () => {
  it("should put the declaration in the handler's Fastify route config", () => {
    const config = Reflect.getMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      Probe.prototype.login,
    ) as object;
    const request = { routeOptions: { config } } as unknown as FastifyRequest;

    expect(declaredAudit(request)).toEqual({
      action: 'login',
      onFailure: 'login_failed',
      entityType: 'session',
    });
  });

  it('should read nothing from a route that declares nothing', () => {
    expect(
      declaredAudit({ routeOptions: { config: {} } } as unknown as FastifyRequest),
    ).toBeUndefined();
    expect(declaredAudit({} as FastifyRequest)).toBeUndefined();
  });
});
