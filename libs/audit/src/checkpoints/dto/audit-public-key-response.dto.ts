import { ApiProperty, ApiSchema } from '@nestjs/swagger';

export enum SigningAlgorithm {
  Ed25519 = 'Ed25519',
}

@ApiSchema({ name: 'AuditPublicKey' })
export class AuditPublicKeyResponseDto {
  @ApiProperty({ pattern: '^[0-9a-f]{16}$', example: '3f9c0a7d21b64e58' })
  keyId: string;

  @ApiProperty({ enum: SigningAlgorithm, enumName: 'SigningAlgorithm' })
  algorithm: SigningAlgorithm;

  /** SPKI PEM of the public key. */
  publicKeyPem: string;

  /** When the key signed its first checkpoint here. */
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

@ApiSchema({ name: 'AuditPublicKeyList' })
export class AuditPublicKeyListDto {
  /** Every key that signed a checkpoint, oldest first; rotated-out keys stay listed. */
  @ApiProperty({ type: AuditPublicKeyResponseDto, isArray: true })
  items: AuditPublicKeyResponseDto[];
}
