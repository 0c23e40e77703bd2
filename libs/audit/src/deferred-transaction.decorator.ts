import { SetMetadata } from '@nestjs/common';

export const DEFERRED_TRANSACTION = 'rct:deferred-transaction';

/**
 * The handler's service opens the write's transaction itself (AuditedWrites.run), after it has
 * read the request body: a slow client then holds no pooled connection while it sends.
 */
export const DeferredTransaction = (): MethodDecorator => SetMetadata(DEFERRED_TRANSACTION, true);
