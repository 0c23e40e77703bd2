import { Injectable } from '@nestjs/common';
import { AuditAction, AuditContext, AuditEntityType } from '@rct/audit';
import { AuthUser, roleRank, UserRole } from '@rct/auth';
import { orNotFound, Page, toPage } from '@rct/common';
import { UserService } from '@rct/user';
import { generateApiKeySecret, NewApiKeySecret } from './api-key-secret';
import {
  ApiKeyExpiryError,
  ApiKeyNotFoundError,
  ApiKeyRoleTooHighError,
  OtherUsersKeysError,
  UnknownKeyOwnerError,
} from './api-key.errors';
import { toApiKeyResponse } from './api-key.mapper';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { CreatedApiKeyDto } from './dto/created-api-key.dto';
import { ListApiKeysQueryDto } from './dto/list-api-keys-query.dto';
import { ApiKeyEntity } from './entities/api-key.entity';

/** The furthest ahead a key may expire (DESIGN "Identity"). */
export const API_KEY_MAX_DAYS = 365;
const DAY_MS = 86_400_000;

/** Creating, listing and revoking keys: own keys for everyone, anyone's for admins. */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly users: UserService,
    private readonly audit: AuditContext,
  ) {}

  async create(dto: CreateApiKeyDto, caller: AuthUser): Promise<CreatedApiKeyDto> {
    const ownerId = dto.userId ?? caller.id;
    if (ownerId !== caller.id && caller.role !== UserRole.Admin) throw new OtherUsersKeysError();
    assertExpiry(dto.expiresAt, new Date());
    const owner = await this.users.findSessionUser(ownerId);
    if (!owner?.isActive) throw new UnknownKeyOwnerError();
    const role = dto.role ?? owner.role;
    if (roleRank(role) > roleRank(owner.role)) throw new ApiKeyRoleTooHighError(role, owner.role);

    const generated = await this.freshSecret();
    const key = await this.keys.insert({
      userId: ownerId,
      name: dto.name,
      prefix: generated.prefix,
      secretHash: generated.hash,
      role,
      expiresAt: dto.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    const apiKey = toApiKeyResponse(key);
    this.audit.describeChange(AuditAction.ApiKeyCreate, AuditEntityType.ApiKey, null, apiKey);
    return { apiKey, secret: generated.secret };
  }

  async list(query: ListApiKeysQueryDto, caller: AuthUser): Promise<Page<ApiKeyResponseDto>> {
    const isAdmin = caller.role === UserRole.Admin;
    if (!isAdmin && query.userId !== undefined && query.userId !== caller.id) {
      throw new OtherUsersKeysError();
    }
    const userId = isAdmin ? query.userId : caller.id;
    const page = await this.keys.list({ userId }, query);
    return toPage(page.items.map(toApiKeyResponse), page.total, query);
  }

  async get(id: string, caller: AuthUser): Promise<ApiKeyResponseDto> {
    return toApiKeyResponse(this.visible(await this.keys.findById(id), id, caller));
  }

  /** Revoking a revoked key changes nothing and still answers 204. */
  async revoke(id: string, caller: AuthUser): Promise<void> {
    const key = this.visible(await this.keys.findByIdForUpdate(id), id, caller);
    const before = toApiKeyResponse(key);
    const after = key.revokedAt
      ? before
      : toApiKeyResponse(await this.keys.update(key, { revokedAt: new Date() }));
    this.audit.describeChange(AuditAction.ApiKeyRevoke, AuditEntityType.ApiKey, before, after);
  }

  /** Someone else's key is as unknown to a non-admin as a key that does not exist. */
  private visible(key: ApiKeyEntity | null, id: string, caller: AuthUser): ApiKeyEntity {
    const found = orNotFound(key, () => new ApiKeyNotFoundError(id));
    if (found.userId !== caller.id && caller.role !== UserRole.Admin) {
      throw new ApiKeyNotFoundError(id);
    }
    return found;
  }

  /** A secret whose prefix no key has (a clash is rare: 62^8 prefixes). */
  private async freshSecret(): Promise<NewApiKeySecret> {
    for (;;) {
      const generated = generateApiKeySecret();
      if (!(await this.keys.prefixTaken(generated.prefix))) return generated;
    }
  }
}

function assertExpiry(expiresAt: Date, now: Date): void {
  const ahead = expiresAt.getTime() - now.getTime();
  if (ahead <= 0 || ahead > API_KEY_MAX_DAYS * DAY_MS)
    throw new ApiKeyExpiryError(API_KEY_MAX_DAYS);
}
