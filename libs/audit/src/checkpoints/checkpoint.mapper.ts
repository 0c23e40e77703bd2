import { AuditCheckpointEntity } from '../entities/audit-checkpoint.entity';
import { AuditSigningKeyEntity } from '../entities/audit-signing-key.entity';
import { AuditCheckpointResponseDto } from './dto/audit-checkpoint-response.dto';
import { AuditPublicKeyResponseDto, SigningAlgorithm } from './dto/audit-public-key-response.dto';

export function toAuditCheckpointResponse(
  checkpoint: AuditCheckpointEntity,
): AuditCheckpointResponseDto {
  return {
    id: checkpoint.id,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    occurredAt: checkpoint.occurredAt.toISOString(),
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

export function toAuditPublicKeyResponse(key: AuditSigningKeyEntity): AuditPublicKeyResponseDto {
  return {
    keyId: key.keyId,
    algorithm: key.algorithm as SigningAlgorithm,
    publicKeyPem: key.publicKeyPem,
    createdAt: key.createdAt.toISOString(),
  };
}
