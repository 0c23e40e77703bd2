import { generateKeyPairSync, verify } from 'node:crypto';
import {
  checkpointMessage,
  isCheckpointSignatureValid,
  signCheckpoint,
} from './checkpoint-signature';

describe('checkpoint-signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hash = 'ab'.repeat(32);

  it('should sign exactly rct-audit-checkpoint:v1:<seq>:<hash> as UTF-8', () => {
    expect(checkpointMessage('42', hash)).toBe(`rct-audit-checkpoint:v1:42:${hash}`);
    const signature = signCheckpoint(privateKey, '42', hash);
    expect(
      verify(
        null,
        Buffer.from(`rct-audit-checkpoint:v1:42:${hash}`),
        publicKey,
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('should refuse another seq, another hash, or a mangled signature', () => {
    const signature = signCheckpoint(privateKey, '42', hash);
    expect(isCheckpointSignatureValid(publicKey, { seq: '42', hash, signature })).toBe(true);
    expect(isCheckpointSignatureValid(publicKey, { seq: '43', hash, signature })).toBe(false);
    expect(
      isCheckpointSignatureValid(publicKey, { seq: '42', hash: 'cd'.repeat(32), signature }),
    ).toBe(false);
    expect(isCheckpointSignatureValid(publicKey, { seq: '42', hash, signature: 'AAAA' })).toBe(
      false,
    );
  });
});
