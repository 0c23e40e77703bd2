import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { unauditedWrites } from './audit-writes';

/**
 * Refuses to start an HTTP app in which a write handler would run without its transaction and
 * audit event, e.g. one whose module was left out of auditWrites(). Command-line contexts
 * (create-admin) serve no routes and are not checked.
 */
@Injectable()
export class AuditCoverageCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    if (!this.adapterHost.httpAdapter) return;
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype as Type<unknown> | null)
      .filter((metatype): metatype is Type<unknown> => !!metatype);
    const missing = unauditedWrites(controllers);
    if (missing.length > 0) {
      throw new Error(
        `Write handlers without the audit interceptor: ${missing.join(', ')}. ` +
          'Pass their modules to auditWrites().',
      );
    }
  }
}
