import { Injectable } from '@nestjs/common';
import { UserRole } from '@rct/auth';
import {
  EntityPage,
  Listing,
  PageRequest,
  PreparedStatement,
  queryPrepared,
  RepositoryContext,
  VersionedRepository,
} from '@rct/database';
import { ApiKeyEntity } from './entities/api-key.entity';

export interface ApiKeyFilter {
  userId?: string;
}

/** What authenticating one request needs: the key and its owner, in one row. */
export interface ApiKeyCredential {
  id: string;
  secretHash: Buffer;
  keyRole: UserRole;
  userId: string;
  email: string;
  fullName: string;
  ownerRole: UserRole;
  /** Neither revoked nor expired, and its owner active: judged by the database's clock. */
  live: boolean;
  /** lastUsedAt moved within LAST_USED_RESOLUTION: no need to move it again. */
  usedRecently: boolean;
}

const API_KEY_LISTING: Listing<'createdAt'> = {
  sortFields: ['createdAt'],
  defaultSort: { field: 'createdAt', direction: 'DESC' },
};

/** lastUsedAt moves at most once in this long, across any number of instances. */
const LAST_USED_RESOLUTION = "interval '1 minute'";

// Run for every request made with a key, so it is one prepared round trip: the owner's row is
// read in the same statement (a join on users by primary key) rather than by a second query
// through UserService, which would double the cost of key authentication. Liveness and
// staleness are judged here, so no timestamp is parsed per request.
const SELECT_CREDENTIAL = new PreparedStatement(`SELECT k."id", k."secret_hash" AS "secretHash",
  k."role" AS "keyRole", u."id" AS "userId", u."email", u."full_name" AS "fullName",
  u."role" AS "ownerRole",
  (k."revoked_at" IS NULL AND k."expires_at" > now() AND u."is_active") AS "live",
  coalesce(k."last_used_at" > now() - ${LAST_USED_RESOLUTION}, false) AS "usedRecently"
  FROM "api_keys" k JOIN "users" u ON u."id" = k."user_id" WHERE k."prefix" = $1`);

// The condition keeps writes to at most one per resolution per key, whatever races.
const TOUCH_LAST_USED = new PreparedStatement(`UPDATE "api_keys" SET "last_used_at" = now()
  WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" <= now() - ${LAST_USED_RESOLUTION})`);

@Injectable()
export class ApiKeyRepository extends VersionedRepository<ApiKeyEntity> {
  constructor(context: RepositoryContext) {
    super(context, ApiKeyEntity, 'apiKey');
  }

  /** Newest first. */
  list(filter: ApiKeyFilter, page: PageRequest): Promise<EntityPage<ApiKeyEntity>> {
    return this.page(
      filter,
      () => this.whereEqual(this.select(), filter),
      { ...page, sort: '-createdAt' },
      API_KEY_LISTING,
    );
  }

  prefixTaken(prefix: string): Promise<boolean> {
    return this.repository.existsBy({ prefix });
  }

  async findCredential(prefix: string): Promise<ApiKeyCredential | undefined> {
    const [row] = await queryPrepared<ApiKeyCredential>(this.manager, SELECT_CREDENTIAL, [prefix]);
    return row;
  }

  async touchLastUsed(id: string): Promise<void> {
    await queryPrepared(this.manager, TOUCH_LAST_USED, [id]);
  }
}
