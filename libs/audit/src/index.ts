export { AuditModule } from './audit.module';
export { AuditInterceptor } from './audit.interceptor';
export { AuditedWrites } from './audited-writes';
export { DeferredTransaction } from './deferred-transaction.decorator';
export { auditWrites } from './audit-writes';
export { canonicalJson, GENESIS_HASH, hashAuditEvent } from './audit-hash';
export { SystemWriteRunner } from './system-write.runner';
