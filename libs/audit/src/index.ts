export { AuditModule } from './audit.module';
export { AuditInterceptor } from './audit.interceptor';
export { canonicalJson, GENESIS_HASH, hashAuditEvent } from './audit-hash';
export { SystemWriteRunner } from './system-write.runner';
