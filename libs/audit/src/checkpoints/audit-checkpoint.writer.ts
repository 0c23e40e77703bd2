import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ED25519 } from '@rct/common';
import { TransactionRunner } from '@rct/database';
import { randomUUID } from 'node:crypto';
import { AuditRepository } from '../audit.repository';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { AuditSigningKey } from './audit-signing-key';
import { toAuditCheckpointResponse } from './checkpoint.mapper';
import { AuditCheckpointResponseDto } from './dto/audit-checkpoint-response.dto';

/**
 * Emitted with each new checkpoint (an AuditCheckpointResponseDto), so copies can live outside
 * the database; the webhooks capability delivers it as the `audit.checkpoint` event. Emitted
 * inside the transaction that stores the checkpoint and awaited: what a listener writes commits
 * with it, and a listener that fails rolls it back (the next tick signs the head again).
 */
export const AUDIT_CHECKPOINT_EVENT = 'audit.checkpoint';

/** Signs the chain's head when it moved since the last checkpoint. */
@Injectable()
export class AuditCheckpointWriter {
  private readonly logger = new Logger('AuditCheckpoint');

  constructor(
    private readonly events: AuditRepository,
    private readonly checkpoints: AuditCheckpointRepository,
    private readonly key: AuditSigningKey,
    private readonly emitter: EventEmitter2,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The new checkpoint; null when nothing was added or another instance signed this head. */
  async write(): Promise<AuditCheckpointResponseDto | null> {
    const head = await this.events.findHead();
    if (!head) return null;
    const latest = await this.checkpoints.latestSeq();
    if (latest !== null && BigInt(latest) >= BigInt(head.seq)) return null;
    await this.checkpoints.registerKey({
      keyId: this.key.keyId,
      algorithm: ED25519,
      publicKeyPem: this.key.publicKeyPem,
    });
    const checkpoint = {
      id: randomUUID(),
      seq: head.seq,
      hash: head.hash,
      occurredAt: head.occurredAt,
      signedAt: new Date(),
      keyId: this.key.keyId,
      signature: this.key.sign(head.seq, head.hash),
    };
    const response = toAuditCheckpointResponse(checkpoint);
    const stored = await this.transactions.run(async () => {
      if (!(await this.checkpoints.insert(checkpoint))) return false;
      await this.emitter.emitAsync(AUDIT_CHECKPOINT_EVENT, response);
      return true;
    });
    if (!stored) return null;
    // The log is a copy outside the database: enough to check the chain against later.
    this.logger.log({ msg: 'Audit checkpoint signed', checkpoint: response });
    return response;
  }
}
