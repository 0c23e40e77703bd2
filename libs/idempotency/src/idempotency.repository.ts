import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PreparedStatement, queryPrepared } from '@rct/database';
import { createHash } from 'node:crypto';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';

/** A stored answer, as a replay needs it. */
export type StoredAnswer = Pick<
  IdempotencyKeyEntity,
  'fingerprint' | 'statusCode' | 'body' | 'etag' | 'location'
>;

const SELECT_LIVE = new PreparedStatement(`SELECT "fingerprint", "status_code" AS "statusCode",
  "body", "etag", "location" FROM "idempotency_keys"
  WHERE "principal_id" = $1 AND "key" = $2 AND "expires_at" > now()`);

// An expired row not yet purged is replaced; a live one cannot exist here (see claim()).
const UPSERT = `INSERT INTO "idempotency_keys" ("principal_id", "key", "fingerprint",
  "status_code", "body", "etag", "location", "created_at", "expires_at")
  VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now() + make_interval(secs => $8))
  ON CONFLICT ("principal_id", "key") DO UPDATE SET "fingerprint" = EXCLUDED."fingerprint",
    "status_code" = EXCLUDED."status_code", "body" = EXCLUDED."body", "etag" = EXCLUDED."etag",
    "location" = EXCLUDED."location", "created_at" = EXCLUDED."created_at",
    "expires_at" = EXCLUDED."expires_at"`;

const PURGE_BATCH = `DELETE FROM "idempotency_keys" WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM "idempotency_keys" WHERE "expires_at" <= now() LIMIT $1))`;

/** A transaction-scoped advisory lock key for one principal's key (64 bits of a SHA-256). */
function lockKeyOf(principalId: string, key: string): string {
  return createHash('sha256')
    .update(`idempotency\n${principalId}\n${key}`, 'utf8')
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/** The idempotency_keys table, and the lock that tells a running first request apart. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The live answer stored for this key, if any (in the transaction when one is open). */
  async findLive(principalId: string, key: string): Promise<StoredAnswer | undefined> {
    const [row] = await queryPrepared<StoredAnswer>(this.txHost.tx, SELECT_LIVE, [
      principalId,
      key,
    ]);
    return row;
  }

  /**
   * Takes the key's lock until the transaction ends, if no other transaction holds it: false
   * means a request with this key is running now.
   */
  async tryLock(principalId: string, key: string): Promise<boolean> {
    const [row] = await this.txHost.tx.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock($1) AS "locked"',
      [lockKeyOf(principalId, key)],
    );
    return row.locked;
  }

  async store(
    principalId: string,
    key: string,
    answer: StoredAnswer,
    ttlSeconds: number,
  ): Promise<void> {
    await this.txHost.tx.query(UPSERT, [
      principalId,
      key,
      answer.fingerprint,
      answer.statusCode,
      answer.body,
      answer.etag,
      answer.location,
      ttlSeconds,
    ]);
  }

  /** Deletes up to `limit` expired keys; answers how many. */
  async purgeExpired(limit: number): Promise<number> {
    // For a DELETE, TypeORM's PostgreSQL driver answers [rows, affected row count].
    const result = await this.txHost.tx.query<[unknown[], number]>(PURGE_BATCH, [limit]);
    return result[1];
  }
}
