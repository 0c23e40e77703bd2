import { Injectable } from '@nestjs/common';
import { SessionUser, UserRole } from '@rct/auth';
import {
  EntityPage,
  Listing,
  ListOrder,
  PageRequest,
  PreparedStatement,
  queryPrepared,
  RepositoryContext,
  ExportQuery,
  VersionedRepository,
} from '@rct/database';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import { USER_SORT_FIELDS, UserSortField } from './dto/list-users-query.dto';
import { UserEntity } from './entities/user.entity';
import { UserKind } from './enums/user-kind.enum';

export interface UserFilter {
  role?: UserRole;
  kind?: UserKind;
  isActive?: boolean;
}

const USER_LISTING: Listing<UserSortField> = {
  sortFields: USER_SORT_FIELDS,
  defaultSort: { field: 'email', direction: 'ASC' },
};

// Hand-written because TypeORM cannot name a prepared statement; both run on every request
// that authenticates or references a user, and neither reads the password hash.
const SELECT_SESSION_USER = new PreparedStatement(`SELECT "id", "email", "full_name" AS "fullName",
  "role", "is_active" AS "isActive", "tokens_valid_after" AS "tokensValidAfter" FROM "users"
  WHERE "id" = $1`);

const SELECT_ACTIVE_USER = new PreparedStatement(
  'SELECT 1 FROM "users" WHERE "id" = $1 AND "is_active"',
);

@Injectable()
export class UserRepository extends VersionedRepository<UserEntity> {
  constructor(context: RepositoryContext) {
    super(context, UserEntity, 'user');
  }

  /** `email` as stored: lower-cased. */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repository.findOneBy({ email });
  }

  emailTaken(email: string): Promise<boolean> {
    return this.repository.existsBy({ email });
  }

  count(): Promise<number> {
    return this.repository.count();
  }

  /** `page.q` matches e-mail or full name, case-insensitively, as a plain substring. */
  list(filter: UserFilter, page: PageRequest): Promise<EntityPage<UserEntity>> {
    return this.page(filter, () => this.filtered(filter, page.q), page, USER_LISTING);
  }

  /**
   * What list() selects, in its order, unpaged, as the statement an export
   * streams, each row as its export `values` (from USER_EXPORT_FIELDS).
   */
  exportQuery(filter: UserFilter, order: ListOrder, values: string[]): ExportQuery {
    return this.listValuesQuery(() => this.filtered(filter, order.q), order, USER_LISTING, values);
  }

  private filtered(filter: UserFilter, q?: string): SelectQueryBuilder<UserEntity> {
    const builder = this.whereEqual(this.select(), filter);
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where(`${this.alias}.email ILIKE :pattern`)
            .orWhere(`${this.alias}.fullName ILIKE :pattern`),
        ),
        { pattern },
      );
    }
    return builder;
  }

  /**
   * The ids of every active admin, their rows locked until the transaction ends: of two
   * concurrent demotions of the last two admins, the second waits and then sees one admin.
   */
  async lockActiveAdminIds(): Promise<string[]> {
    const admins = await this.whereEqual(this.select().select(`${this.alias}.id`), {
      role: UserRole.Admin,
      isActive: true,
    })
      .setLock('pessimistic_write')
      .getMany();
    return admins.map((admin) => admin.id);
  }

  /** What authentication needs of a user, without the password hash. */
  async findSessionUser(id: string): Promise<SessionUser | undefined> {
    const [user] = await queryPrepared<SessionUser>(this.manager, SELECT_SESSION_USER, [id]);
    return user;
  }

  async isActiveUser(id: string): Promise<boolean> {
    const rows = await queryPrepared<unknown>(this.manager, SELECT_ACTIVE_USER, [id]);
    return rows.length > 0;
  }
}
