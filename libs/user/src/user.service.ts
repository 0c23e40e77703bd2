import { Injectable, StreamableFile } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  SessionUser,
  USER_SESSIONS_REVOKED,
  UserAccounts,
  UserRole,
  UserSessionsRevokedEvent,
} from '@rct/auth';
import { assertVersion, orNotFound, Page, toPage, UnprocessableError } from '@rct/common';
import {
  AuditAction,
  AuditContext,
  AuditEntityType,
  RequestFacts,
  ResourceExporter,
} from '@rct/audit';
import { CreateUserDto } from './dto/create-user.dto';
import { ExportUsersQueryDto } from './dto/export-users-query.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { USER_EXPORT_FIELDS } from './user.export';
import { UserKind } from './enums/user-kind.enum';
import {
  EmailTakenError,
  LastAdminError,
  ServiceAccountPasswordError,
  ServicePasswordError,
  UserNotFoundError,
} from './user.errors';
import { toUserResponse } from './user.mapper';
import { UserFilter, UserRepository } from './user.repository';

@Injectable()
export class UserService implements UserAccounts {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly events: EventEmitter2,
    private readonly audit: AuditContext,
    private readonly exporter: ResourceExporter,
  ) {}

  async create(dto: CreateUserDto): Promise<UserResponseDto> {
    const kind = dto.kind ?? UserKind.Human;
    if (kind === UserKind.Service && dto.password !== undefined) throw new ServicePasswordError();
    if (await this.users.emailTaken(dto.email)) throw new EmailTakenError(dto.email);
    const user = await this.users.insert({
      email: dto.email,
      fullName: dto.fullName,
      role: dto.role,
      kind,
      isActive: true,
      // A service account has no password: sign-in compares against a dummy hash and fails.
      passwordHash: kind === UserKind.Human ? await this.hasher.hash(dto.password!) : null,
      tokensValidAfter: new Date(),
    });
    const created = toUserResponse(user);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.User, null, created);
    return created;
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const page = await this.users.list(userFilter(query), query);
    return toPage(page.items.map(toUserResponse), page.total, query);
  }

  /** Every user the list's filters select, in its order, as CSV or NDJSON list items. */
  export(query: ExportUsersQueryDto, facts: RequestFacts): Promise<StreamableFile> {
    const filter = userFilter(query);
    return this.exporter.export(
      {
        resource: 'users',
        entityType: AuditEntityType.User,
        format: query.format,
        filters: { ...filter, q: query.q, sort: query.sort },
        fields: USER_EXPORT_FIELDS,
        query: (values) => this.users.exportQuery(filter, query, values),
      },
      facts,
    );
  }

  async get(id: string): Promise<UserResponseDto> {
    return toUserResponse(
      orNotFound(await this.users.findById(id), () => new UserNotFoundError(id)),
    );
  }

  async update(id: string, dto: UpdateUserDto, expectedVersion?: number): Promise<UserResponseDto> {
    const user = await this.lock(id, expectedVersion);
    const losesAdmin =
      user.role === UserRole.Admin &&
      user.isActive &&
      ((dto.role !== undefined && dto.role !== UserRole.Admin) || dto.isActive === false);
    if (losesAdmin) await this.assertAnotherActiveAdmin(user.id);

    const before = toUserResponse(user);
    const roleChanged = dto.role !== undefined && dto.role !== user.role;
    const deactivated = dto.isActive === false && user.isActive;
    const updated = await this.users.update(user, {
      fullName: dto.fullName,
      role: dto.role,
      isActive: dto.isActive,
      // A new role or a deactivation takes effect at once: older access tokens stop working.
      tokensValidAfter: roleChanged || deactivated ? new Date() : undefined,
    });
    const after = toUserResponse(updated);
    if (deactivated) await this.revokeSessions(user.id, 'deactivated');
    this.audit.describeChange(AuditAction.Update, AuditEntityType.User, before, after);
    return after;
  }

  async resetPassword(id: string, newPassword: string): Promise<void> {
    await this.setPassword(id, newPassword);
    await this.revokeSessions(id, 'password_reset');
    this.audit.describe({
      action: AuditAction.PasswordReset,
      entityType: AuditEntityType.User,
      entityId: id,
    });
  }

  /** Stores a new password and invalidates every access token issued before now. */
  async setPassword(id: string, newPassword: string): Promise<void> {
    const user = await this.lock(id);
    if (user.kind === UserKind.Service) throw new ServiceAccountPasswordError(id);
    await this.users.update(user, {
      passwordHash: await this.hasher.hash(newPassword),
      tokensValidAfter: new Date(),
    });
  }

  async updateProfile(id: string, dto: UpdateProfileDto): Promise<UserResponseDto> {
    const user = await this.lock(id);
    const before = toUserResponse(user);
    const after = toUserResponse(await this.users.update(user, { fullName: dto.fullName }));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.User, before, after);
    return after;
  }

  /** Checks a password; unknown e-mails cost the same time as wrong passwords. */
  async verifyCredentials(email: string, password: string): Promise<SessionUser | undefined> {
    const user = await this.users.findByEmail(email.trim().toLowerCase());
    // Unknown e-mails and service accounts (no hash) are checked against the dummy hash.
    const matches = await this.hasher.verify(user?.passwordHash ?? undefined, password);
    return matches && user?.passwordHash ? toSessionUser(user) : undefined;
  }

  async verifyPassword(id: string, password: string): Promise<boolean> {
    const user = await this.users.findById(id);
    return this.hasher.verify(user?.passwordHash ?? undefined, password);
  }

  /** One primary-key lookup, run for every authenticated request. */
  findSessionUser(id: string): Promise<SessionUser | undefined> {
    return this.users.findSessionUser(id);
  }

  /** For references such as a risk's owner: the id must name an active user (422 otherwise). */
  async assertActiveUser(id: string, field: string): Promise<void> {
    if (!(await this.users.isActiveUser(id))) {
      throw new UnprocessableError(`${field} must name an active user.`, [
        { field, message: `${field} must name an active user` },
      ]);
    }
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /**
   * Locks the row for the rest of the transaction and checks the client's If-Match version, so
   * of two concurrent writers with the same version exactly one succeeds.
   */
  private async lock(id: string, expectedVersion?: number): Promise<UserEntity> {
    const user = orNotFound(
      await this.users.findByIdForUpdate(id),
      () => new UserNotFoundError(id),
    );
    assertVersion(expectedVersion, user.version);
    return user;
  }

  /** Two concurrent demotions cannot both pass: the repository locks the admins it counts. */
  private async assertAnotherActiveAdmin(exceptId: string): Promise<void> {
    const adminIds = await this.users.lockActiveAdminIds();
    if (!adminIds.some((adminId) => adminId !== exceptId)) throw new LastAdminError();
  }

  private async revokeSessions(userId: string, reason: UserSessionsRevokedEvent['reason']) {
    const event: UserSessionsRevokedEvent = { userId, reason };
    await this.events.emitAsync(USER_SESSIONS_REVOKED, event);
  }
}

function toSessionUser(user: UserEntity): SessionUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    isActive: user.isActive,
    tokensValidAfter: user.tokensValidAfter,
  };
}

function userFilter(query: ListUsersQueryDto | ExportUsersQueryDto): UserFilter {
  const { role, kind, isActive } = query;
  return { role, kind, isActive };
}
