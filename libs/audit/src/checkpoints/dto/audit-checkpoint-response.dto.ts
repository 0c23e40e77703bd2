import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PageOf } from '@rct/common';

@ApiSchema({ name: 'AuditCheckpoint' })
export class AuditCheckpointResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  /** Seq of the event that was the chain's head (a 64-bit integer, as a string). */
  @ApiProperty({ example: '1042', pattern: '^\\d{1,19}$' })
  seq: string;

  /** That event's hash (lowercase hex SHA-256). */
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  hash: string;

  /** When that event occurred. */
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ format: 'date-time' })
  signedAt: string;

  /** First 16 hex characters of the SHA-256 of the raw Ed25519 public key. */
  @ApiProperty({ pattern: '^[0-9a-f]{16}$', example: '3f9c0a7d21b64e58' })
  keyId: string;

  /** Base64 Ed25519 signature of `rct-audit-checkpoint:v1:<seq>:<hash>` (UTF-8). */
  signature: string;
}

export const AuditCheckpointPageDto = PageOf(AuditCheckpointResponseDto, 'AuditCheckpointPage');
