import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { ed25519KeyId } from '@rct/common';
import { GENESIS_HASH, hashAuditEvent } from '../audit-hash';
import { AuditOutcome } from '../audit-vocabulary';
import { ChainEvent, ChainVerifier, CheckpointClaim } from './chain-verifier';
import { signCheckpoint } from './checkpoint-signature';

function chain(length: number): ChainEvent[] {
  const events: ChainEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: null,
      actorEmail: 'admin@rct.test',
      actorRole: 'admin',
      action: 'update',
      outcome: AuditOutcome.Success,
      entityType: 'risk',
      entityId: `risk-${seq}`,
      method: 'PATCH',
      route: '/api/v1/risks/:id',
      path: `/api/v1/risks/${seq}`,
      statusCode: 200,
      requestId: `req-${seq}`,
      ip: null,
      userAgent: null,
      changes: { title: { from: `t${seq - 1}`, to: `t${seq}` } },
      prevHash,
    };
    const event = { ...fields, seq: String(seq), hash: hashAuditEvent(fields) };
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

describe(ChainVerifier.name, () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = ed25519KeyId(publicKey);
  const keys = new Map<string, KeyObject>([[keyId, publicKey]]);

  const checkpointAt = (event: ChainEvent, key = privateKey, id = keyId): CheckpointClaim => ({
    seq: event.seq,
    hash: event.hash,
    keyId: id,
    signature: signCheckpoint(key, event.seq, event.hash),
  });

  function verify(events: ChainEvent[], checkpoints: CheckpointClaim[], start?: CheckpointClaim) {
    const verifier = new ChainVerifier(checkpoints, keys, start);
    events.forEach((event) => verifier.accept(event));
    return verifier.finish();
  }

  describe('accept', () => {
    it('should pass an intact chain and its checkpoints', () => {
      const events = chain(10);
      expect(verify(events, [checkpointAt(events[4]), checkpointAt(events[9])])).toEqual({
        valid: true,
        checked: 10,
        firstBrokenId: null,
        checkpointsChecked: 2,
        firstBrokenCheckpointSeq: null,
        problems: [],
      });
    });

    it('should name the first event whose content no longer matches its hash', () => {
      const events = chain(5);
      events[2] = { ...events[2], actorEmail: 'someone-else@rct.test' };
      const verdict = verify(events, []);
      expect(verdict).toMatchObject({ valid: false, checked: 3, firstBrokenId: events[2].id });
      expect(verdict.problems[0]).toMatch(/event 3 .* does not match its hash/);
    });

    it('should name a swapped pair by the first link that breaks', () => {
      const events = chain(5);
      const swapped = [events[0], { ...events[2], seq: '2' }, { ...events[1], seq: '3' }];
      const verdict = verify([...swapped, ...events.slice(3)], []);
      expect(verdict.firstBrokenId).toBe(events[2].id);
      expect(verdict.problems[0]).toMatch(/does not link to the event before it/);
    });
  });

  describe('checkpoints', () => {
    it('should report the newest events deleted past a checkpoint', () => {
      const events = chain(8);
      const verdict = verify(events.slice(0, 5), [
        checkpointAt(events[2]),
        checkpointAt(events[7]),
      ]);
      expect(verdict).toMatchObject({
        valid: false,
        firstBrokenId: null,
        checkpointsChecked: 2,
        firstBrokenCheckpointSeq: '8',
      });
      expect(verdict.problems).toEqual([
        'checkpoint 8: event 8 is missing: the chain ends at 5 (events were deleted)',
      ]);
    });

    it('should report a chain rewritten with recomputed hashes at the first checkpoint it passes', () => {
      const events = chain(8);
      const signed = [checkpointAt(events[1]), checkpointAt(events[5])];
      const rewritten = chain(8).map((event, index) => (index < 3 ? event : { ...event }));
      // Rebuild from the fourth event on with other content, re-hashing and re-linking.
      let prevHash = rewritten[2].hash;
      for (const event of rewritten.slice(3)) {
        event.changes = { title: { from: 'x', to: `forged ${event.seq}` } };
        event.prevHash = prevHash;
        event.hash = hashAuditEvent(event);
        prevHash = event.hash;
      }
      const verdict = verify(rewritten, signed);
      expect(verdict).toMatchObject({
        valid: false,
        firstBrokenId: null,
        firstBrokenCheckpointSeq: '6',
      });
      expect(verdict.problems[0]).toMatch(
        /checkpoint 6: .* not the signed .* \(the chain was rewritten\)/,
      );
    });

    it('should refuse a checkpoint signed with another key, or by a key it does not know', () => {
      const events = chain(4);
      const other = generateKeyPairSync('ed25519').privateKey;
      const forged = verify(events, [checkpointAt(events[3], other)]);
      expect(forged).toMatchObject({ valid: false, firstBrokenCheckpointSeq: '4' });
      expect(forged.problems).toEqual([
        `checkpoint 4: signature does not verify with key ${keyId}`,
      ]);
      const unknown = verify(events, [checkpointAt(events[3], other, ed25519KeyId(other))]);
      expect(unknown.problems[0]).toMatch(/signed by unknown key/);
    });

    it('should start an incremental check at a checkpoint, trusting only its hash', () => {
      const events = chain(10);
      const start = checkpointAt(events[5]);
      expect(verify(events.slice(5), [start], start)).toMatchObject({
        valid: true,
        checked: 5,
        checkpointsChecked: 1,
      });
      const tampered = events.slice(5);
      tampered[0] = { ...tampered[0], path: '/elsewhere' };
      expect(verify(tampered, [start], start).firstBrokenId).toBe(events[5].id);
    });
  });
});
