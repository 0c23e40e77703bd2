import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, parseEd25519PublicKey } from '@rct/common';
import { Snapshot, SnapshotReader } from '@rct/database';
import { KeyObject } from 'node:crypto';
import { AuditRepository } from '../audit.repository';
import { AuditChainVerificationDto } from '../dto/audit-event-response.dto';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';
import { ChainVerifier } from './chain-verifier';

/** Events between two progress lines in the log. */
const PROGRESS_EVERY = 100_000;

/**
 * Verifies the trail in one snapshot: the checkpoints and keys are read first, then the events
 * stream through COPY and are hashed as they arrive, so memory stays flat and the cost is
 * one pass over the table (from the starting checkpoint on, in an incremental check).
 */
@Injectable()
export class AuditVerificationService {
  private readonly logger = new Logger('AuditVerification');

  constructor(
    private readonly snapshots: SnapshotReader,
    private readonly events: AuditRepository,
    private readonly checkpoints: AuditCheckpointRepository,
  ) {}

  verify(fromSeq?: string): Promise<AuditChainVerificationDto> {
    return this.snapshots.read((snapshot) => this.verifyIn(snapshot, fromSeq));
  }

  private async verifyIn(snapshot: Snapshot, fromSeq?: string): Promise<AuditChainVerificationDto> {
    // One read gives all three: the checkpoints from fromSeq on, oldest first, start with the
    // one an incremental check starts at and end with the latest.
    const checkpoints = await this.checkpoints.from(snapshot.manager, fromSeq);
    const start = fromSeq ? checkpoints.find((c) => BigInt(c.seq) === BigInt(fromSeq)) : null;
    if (fromSeq && !start) throw new NotFoundError(`No audit checkpoint at seq ${fromSeq}.`);
    const latest = checkpoints.at(-1);
    const verifier = new ChainVerifier(
      checkpoints,
      await this.publicKeys(snapshot),
      start ?? undefined,
    );
    const startedAt = performance.now();
    let read = 0;
    let reported = 0;
    for await (const events of this.events.chainBatches(snapshot, start?.seq)) {
      for (const event of events) verifier.accept(event);
      read += events.length;
      if (read - reported >= PROGRESS_EVERY) {
        reported = read;
        this.logger.log(
          `Verifying the audit chain: ${read} events read (seq ${events.at(-1)!.seq})`,
        );
      }
    }
    const verdict = verifier.finish();
    const ms = Math.round(performance.now() - startedAt);
    this.logger.log({ msg: 'Audit chain verified', ...verdict, read, fromSeq, ms });
    return { ...verdict, lastCheckpointSeq: latest?.seq ?? null };
  }

  private async publicKeys(snapshot: Snapshot): Promise<Map<string, KeyObject>> {
    const keys = new Map<string, KeyObject>();
    for (const key of await this.checkpoints.keys(snapshot.manager)) {
      try {
        keys.set(key.keyId, parseEd25519PublicKey(key.publicKeyPem));
      } catch {
        // A damaged key row verifies nothing: its checkpoints are reported as by an unknown key.
      }
    }
    return keys;
  }
}
