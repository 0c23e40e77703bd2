import { ApiKeyResponseDto } from './dto/api-key-response.dto';
import { ApiKeyEntity } from './entities/api-key.entity';

/** The only way a key leaves this library: never with its hash. */
export function toApiKeyResponse(key: ApiKeyEntity): ApiKeyResponseDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    userId: key.userId,
    expiresAt: key.expiresAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}
