import { KeyObject } from 'node:crypto';
import { GENESIS_HASH, hashAuditEvent, HashedAuditFields } from '../audit-hash';
import { isCheckpointSignatureValid } from './checkpoint-signature';

/** An event as stored (or exported): what its hash covers, plus its place and its hash. */
export interface ChainEvent extends HashedAuditFields {
  seq: string;
  hash: string;
}

/** What a checkpoint claims, and who claims it. */
export interface CheckpointClaim {
  seq: string;
  hash: string;
  keyId: string;
  signature: string;
}

export interface ChainVerdict {
  valid: boolean;
  /** Events checked: all of them when the chain holds, up to and including the broken one. */
  checked: number;
  firstBrokenId: string | null;
  checkpointsChecked: number;
  firstBrokenCheckpointSeq: string | null;
  /** What broke, first found first (at most MAX_PROBLEMS). */
  problems: string[];
}

const MAX_PROBLEMS = 20;

const bySeq = (a: CheckpointClaim, b: CheckpointClaim): number =>
  BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0;

/**
 * Checks a chain fed to it one event at a time in seq order, so it needs memory for the
 * checkpoints only: every checkpoint's signature with the key it names, that the event at its
 * seq is there with its hash, and every event's hash and link to its predecessor. Used by the
 * server on a database cursor and by the offline CLI on an export.
 */
export class ChainVerifier {
  private readonly pending: CheckpointClaim[];
  private readonly problems: string[] = [];
  private previousHash: string | undefined;
  private checked = 0;
  private checkpointsDone = 0;
  private firstBrokenId: string | null = null;
  private firstBrokenCheckpointSeq: bigint | null = null;
  private lastSeq: string | null = null;

  /**
   * @param checkpoints those to check (from the starting one on, in an incremental check)
   * @param start the checkpoint an incremental check starts at: its event is the first fed,
   *   and is trusted to link to what came before because the checkpoint vouches for its hash
   */
  constructor(
    checkpoints: CheckpointClaim[],
    private readonly keys: ReadonlyMap<string, KeyObject>,
    private readonly start?: CheckpointClaim,
  ) {
    this.pending = [...checkpoints].sort(bySeq);
    this.previousHash = start ? undefined : GENESIS_HASH;
    for (const checkpoint of this.pending) this.checkSignature(checkpoint);
    if (start && !this.pending.some((checkpoint) => checkpoint.seq === start.seq)) {
      this.checkSignature(start);
      this.pending.unshift(start);
    }
  }

  accept(event: ChainEvent): void {
    this.matchCheckpoints(event);
    this.lastSeq = event.seq;
    if (this.firstBrokenId !== null) return;
    this.checked += 1;
    const isStart = this.previousHash === undefined;
    if (isStart && event.seq !== this.start?.seq) {
      this.breakChain(event, `the chain does not start at checkpoint ${this.start?.seq}`);
    } else if (!isStart && event.prevHash !== this.previousHash) {
      this.breakChain(event, 'does not link to the event before it (prevHash differs)');
    } else if (hashAuditEvent(event) !== event.hash) {
      this.breakChain(event, 'does not match its hash (its content or hash was changed)');
    }
    this.previousHash = event.hash;
  }

  finish(): ChainVerdict {
    for (const checkpoint of this.pending.splice(0)) {
      this.checkpointsDone += 1;
      this.breakCheckpoint(
        checkpoint,
        `event ${checkpoint.seq} is missing: the chain ends at ${this.lastSeq ?? 'no event'} (events were deleted)`,
      );
    }
    return {
      valid: this.firstBrokenId === null && this.firstBrokenCheckpointSeq === null,
      checked: this.checked,
      firstBrokenId: this.firstBrokenId,
      checkpointsChecked: this.checkpointsDone,
      firstBrokenCheckpointSeq: this.firstBrokenCheckpointSeq?.toString() ?? null,
      problems: this.problems,
    };
  }

  /** Settles the checkpoints at or before this event's seq. */
  private matchCheckpoints(event: ChainEvent): void {
    const seq = BigInt(event.seq);
    while (this.pending.length > 0 && BigInt(this.pending[0].seq) <= seq) {
      const checkpoint = this.pending.shift()!;
      this.checkpointsDone += 1;
      if (BigInt(checkpoint.seq) < seq) {
        this.breakCheckpoint(checkpoint, `event ${checkpoint.seq} is missing`);
      } else if (checkpoint.hash !== event.hash) {
        this.breakCheckpoint(
          checkpoint,
          `event ${checkpoint.seq} (${event.id}) has hash ${event.hash}, not the signed ${checkpoint.hash} (the chain was rewritten)`,
        );
      }
    }
  }

  private checkSignature(checkpoint: CheckpointClaim): void {
    const key = this.keys.get(checkpoint.keyId);
    if (!key) {
      this.breakCheckpoint(checkpoint, `signed by unknown key ${checkpoint.keyId}`);
    } else if (!isCheckpointSignatureValid(key, checkpoint)) {
      this.breakCheckpoint(checkpoint, `signature does not verify with key ${checkpoint.keyId}`);
    }
  }

  private breakChain(event: ChainEvent, problem: string): void {
    this.firstBrokenId = event.id;
    this.report(`event ${event.seq} (${event.id}) ${problem}`);
  }

  private breakCheckpoint(checkpoint: CheckpointClaim, problem: string): void {
    const seq = BigInt(checkpoint.seq);
    if (this.firstBrokenCheckpointSeq === null || seq < this.firstBrokenCheckpointSeq) {
      this.firstBrokenCheckpointSeq = seq;
    }
    this.report(`checkpoint ${checkpoint.seq}: ${problem}`);
  }

  private report(problem: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }
}
