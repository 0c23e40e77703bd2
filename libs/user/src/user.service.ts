import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  assertVersion,
  AuditAction,
  AuditContext,
  AuditEntityType,
  Page,
  parseSort,
  toPage,
  UnprocessableError,
} from '@rct/common';
import { PreparedStatement, requestReader, SqlReader } from '@rct/database';
import { Brackets, Repository } from 'typeorm';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto, UserSortField } from './dto/list-users-query.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { UserEntity } from './entities/user.entity';

import { PasswordHasher } from './password-hasher';
import { EmailTakenError, LastAdminError, UserNotFoundError } from './user.errors';
import {
  SessionUser,
  USER_SESSIONS_REVOKED,
  UserAccounts,
  UserRole,
  UserSessionsRevokedEvent,
} from '@rct/auth';
import { toUserResponse } from './user.mapper';

/** Plain SQL, no password hash: the statement every authenticated request runs. */
const SELECT_SESSION_USER = new PreparedStatement(`SELECT "id", "email", "full_name" AS "fullName",
  "role", "is_active" AS "isActive", "tokens_valid_after" AS "tokensValidAfter" FROM "users"
  WHERE "id" = $1`);

const SELECT_ACTIVE_USER = new PreparedStatement(
  'SELECT 1 FROM "users" WHERE "id" = $1 AND "is_active"',
);

const SORT_COLUMNS: Record<UserSortField, string> = {
  email: 'user.email',
  fullName: 'user.full_name',
  role: 'user.role',
  createdAt: 'user.created_at',
};

@Injectable()
export class UserService implements UserAccounts {
  /** The session lookup runs on every authenticated request: no TypeORM runner for it. */
  private readonly reads: SqlReader;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly hasher: PasswordHasher,
    private readonly events: EventEmitter2,
    private readonly audit: AuditContext,
  ) {
    this.reads = requestReader(txHost);
  }

  private get users(): Repository<UserEntity> {
    return this.txHost.tx.getRepository(UserEntity);
  }

  async create(dto: CreateUserDto): Promise<UserResponseDto> {
    if (await this.users.exists({ where: { email: dto.email } })) {
      throw new EmailTakenError(dto.email);
    }
    const user = await this.users.save(
      this.users.create({
        email: dto.email,
        fullName: dto.fullName,
        role: dto.role,
        isActive: true,
        passwordHash: await this.hasher.hash(dto.password),
        tokensValidAfter: new Date(),
      }),
    );
    const created = toUserResponse(user);
    this.audit.describeChange(AuditAction.Create, AuditEntityType.User, null, created);
    return created;
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const sort = parseSort<UserSortField>(query.sort, { field: 'email', direction: 'ASC' });
    const builder = this.users
      .createQueryBuilder('user')
      .orderBy(SORT_COLUMNS[sort.field], sort.direction)
      .addOrderBy('user.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.role) builder.andWhere('user.role = :role', { role: query.role });
    if (query.isActive !== undefined) {
      builder.andWhere('user.is_active = :isActive', { isActive: query.isActive });
    }
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere(
        new Brackets((where) =>
          where.where('user.email ILIKE :pattern').orWhere('user.full_name ILIKE :pattern'),
        ),
        { pattern },
      );
    }
    const [users, total] = await builder.getManyAndCount();
    return toPage(users.map(toUserResponse), total, query);
  }

  async get(id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.findOrFail(id));
  }

  async update(id: string, dto: UpdateUserDto, expectedVersion?: number): Promise<UserResponseDto> {
    const user = await this.findOrFail(id, true);
    assertVersion(expectedVersion, user.version);
    const losesAdmin =
      user.role === UserRole.Admin &&
      user.isActive &&
      ((dto.role !== undefined && dto.role !== UserRole.Admin) || dto.isActive === false);
    if (losesAdmin) await this.assertAnotherActiveAdmin(user.id);

    const before = toUserResponse(user);
    const roleChanged = dto.role !== undefined && dto.role !== user.role;
    const deactivated = dto.isActive === false && user.isActive;
    if (dto.fullName !== undefined) user.fullName = dto.fullName;
    if (dto.role !== undefined) user.role = dto.role;
    if (dto.isActive !== undefined) user.isActive = dto.isActive;
    // A new role or a deactivation takes effect at once: older access tokens stop working.
    if (roleChanged || deactivated) user.tokensValidAfter = new Date();
    const after = toUserResponse(await this.users.save(user));
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
    const user = await this.findOrFail(id, true);
    user.passwordHash = await this.hasher.hash(newPassword);
    user.tokensValidAfter = new Date();
    await this.users.save(user);
  }

  async updateProfile(id: string, dto: UpdateProfileDto): Promise<UserResponseDto> {
    const user = await this.findOrFail(id, true);
    const before = toUserResponse(user);
    if (dto.fullName !== undefined) user.fullName = dto.fullName;
    const after = toUserResponse(await this.users.save(user));
    this.audit.describeChange(AuditAction.Update, AuditEntityType.User, before, after);
    return after;
  }

  /** Checks a password; unknown e-mails cost the same time as wrong passwords. */
  async verifyCredentials(email: string, password: string): Promise<SessionUser | undefined> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const matches = await this.hasher.verify(user?.passwordHash, password);
    return matches && user ? toSessionUser(user) : undefined;
  }

  async verifyPassword(id: string, password: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id } });
    return this.hasher.verify(user?.passwordHash, password);
  }

  /** One primary-key lookup, run for every authenticated request. */
  async findSessionUser(id: string): Promise<SessionUser | undefined> {
    const [user] = await this.reads.query<SessionUser[]>(SELECT_SESSION_USER, [id]);
    return user;
  }

  /** For references such as a risk's owner: the id must name an active user (422 otherwise). */
  async assertActiveUser(id: string, field: string): Promise<void> {
    const active = await this.reads.query<unknown[]>(SELECT_ACTIVE_USER, [id]);
    if (active.length === 0) {
      throw new UnprocessableError(`${field} must name an active user.`, [
        { field, message: `${field} must name an active user` },
      ]);
    }
  }

  count(): Promise<number> {
    return this.users.count();
  }

  private async findOrFail(id: string, forUpdate = false): Promise<UserEntity> {
    const user = await this.users.findOne({
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  /** Locks every active admin row, so two concurrent demotions cannot both pass. */
  private async assertAnotherActiveAdmin(exceptId: string): Promise<void> {
    const admins = await this.users
      .createQueryBuilder('user')
      .select('user.id')
      .where('user.role = :role AND user.is_active', { role: UserRole.Admin })
      .setLock('pessimistic_write')
      .getMany();
    if (!admins.some((admin) => admin.id !== exceptId)) throw new LastAdminError();
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
