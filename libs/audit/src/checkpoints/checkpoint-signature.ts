import { KeyObject, sign, verify } from 'node:crypto';

/** What a checkpoint signs: the chain's head, as UTF-8 text (seq decimal, hash lowercase hex). */
export function checkpointMessage(seq: string, hash: string): string {
  return `rct-audit-checkpoint:v1:${seq}:${hash}`;
}

/** Base64 Ed25519 signature of the checkpoint message. */
export function signCheckpoint(privateKey: KeyObject, seq: string, hash: string): string {
  return sign(null, Buffer.from(checkpointMessage(seq, hash), 'utf8'), privateKey).toString(
    'base64',
  );
}

export function isCheckpointSignatureValid(
  publicKey: KeyObject,
  checkpoint: { seq: string; hash: string; signature: string },
): boolean {
  const message = Buffer.from(checkpointMessage(checkpoint.seq, checkpoint.hash), 'utf8');
  try {
    return verify(null, message, publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    // A signature of the wrong length throws rather than failing.
    return false;
  }
}
