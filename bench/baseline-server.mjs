#!/usr/bin/env node
// The benchmark's baseline: bare Fastify + pg doing, per request, the same SQL as the API for
// S1 (GET /risks/:id), S2 and S3 (GET /risks with filters or q), S4 (POST /risks), S5
// (PATCH /tasks/:id with If-Match) and S6 (GET /audit-events), with the same JSON
// out. Same JWT check (HS256, iss, aud, exp; a verified token remembered until it expires, as
// the API does; then the user row by id, every request), same statement texts
// (copied from what the API sends, see bench/sql-trace.cjs), the same ones prepared, same
// pool size, same audit event and hash chain in the same transaction. What it leaves out is what the API's framework
// layers add: Nest's pipeline, guards, pipes, interceptors, class-validator/transformer,
// TypeORM (its query runner and entity metadata), CLS, helmet, request logging.
//
//   PORT=3101 DATABASE_URL=... JWT_SECRET=... node bench/baseline-server.mjs
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import { createHash, createSecretKey, randomUUID } from 'node:crypto';
import pg from 'pg';
import { registerReportRoutes } from './baseline-reports.mjs';

const PORT = Number(process.env.PORT ?? 3101);
const HOST = process.env.HOST ?? '127.0.0.1';
if (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is required');
/**
 * The HMAC key as a KeyObject: given a string, jsonwebtoken first tries createPublicKey() on
 * it and builds the exception that fails with, on every verify (about a third of a millisecond
 * of CPU). BASELINE_JWT_KEY=string keeps that behaviour, to measure it.
 */
const SECRET =
  process.env.BASELINE_JWT_KEY === 'string'
    ? process.env.JWT_SECRET
    : createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  application_name: 'rct-bench-baseline',
});

// ------------------------------------------------------------------------------ statements
/**
 * libs/database/src/prepared-statement.ts: the statements the API prepares once per connection
 * (DATABASE_PREPARED_STATEMENTS, default true, as for the API) go by name; pg sends Parse once.
 */
const PREPARE = process.env.DATABASE_PREPARED_STATEMENTS !== 'false';
const prepared = (text) =>
  PREPARE
    ? { name: `rct_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`, text }
    : { text };
/** pg's public query-config form: named when prepared (libs/database/src/prepared-query.ts). */
const run = (target, statement, values) => target.query({ ...statement, values });
/**
 * Statements built per request (an UPDATE of the fields that changed, an audit listing),
 * prepared by text.
 */
const shapes = new Map();
const preparedShape = (text) => {
  if (!shapes.has(text)) shapes.set(text, prepared(text));
  return shapes.get(text);
};

const SELECT_USER = prepared(
  'SELECT "id", "email", "full_name" AS "fullName", "role", "is_active" AS "isActive", "tokens_valid_after" AS "tokensValidAfter" FROM "users" WHERE "id" = $1',
);

/** Column and property names, in the order the API's EntityRows selects them. */
const RISK_COLUMNS = [
  ['id', 'id'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['version', 'version'],
  ['title', 'title'],
  ['description', 'description'],
  ['category', 'category'],
  ['owner_id', 'ownerId'],
  ['likelihood', 'likelihood'],
  ['impact', 'impact'],
  ['inherent_score', 'inherentScore'],
  ['residual_likelihood', 'residualLikelihood'],
  ['residual_impact', 'residualImpact'],
  ['residual_score', 'residualScore'],
  ['severity', 'severity'],
  ['residual_severity', 'residualSeverity'],
  ['status', 'status'],
  ['treatment', 'treatment'],
  ['next_review_at', 'nextReviewAt'],
];
const riskSelect = (alias) =>
  RISK_COLUMNS.map(
    ([column, property]) => `${alias ? `"${alias}".` : ''}"${column}" AS "${property}"`,
  ).join(', ');

const SELECT_RISK = prepared(`SELECT ${riskSelect()} FROM "risks" WHERE "id" = $1`);

/** Whitelisted like the API's SORT_COLUMNS; the API's default is -inherentScore. */
const SORT_COLUMNS = {
  title: 'risk.title',
  inherentScore: 'risk.inherent_score',
  residualScore: 'risk.residual_score',
  status: 'risk.status',
  nextReviewAt: 'risk.next_review_at',
  createdAt: 'risk.created_at',
  updatedAt: 'risk.updated_at',
};
const LIST_FILTERS = [
  ['status', 'risk.status'],
  ['severity', 'risk.severity'],
  ['treatment', 'risk.treatment'],
  ['ownerId', 'risk.owner_id'],
  ['category', 'risk.category'],
];

/**
 * libs/database/src/list-cache.ts: list pages kept while the table's change stamp stands still
 * (LIST_CACHE_ENTRIES, default 500 pages, least recently used dropped first; 0 turns it off).
 */
const LIST_CACHE_ENTRIES = Number(process.env.LIST_CACHE_ENTRIES ?? 500);
const CHANGE_STAMP = prepared(
  'SELECT "stamp"::text AS "stamp" FROM "change_stamps" WHERE "table_name" = $1',
);
const listCache = new Map();
const cacheListPage = (key, stamp, page) => {
  listCache.delete(key);
  if (listCache.size >= LIST_CACHE_ENTRIES) listCache.delete(listCache.keys().next().value);
  listCache.set(key, { stamp, page });
};

const USER_IS_ACTIVE = prepared('SELECT 1 FROM "users" WHERE "id" = $1 AND "is_active"');
const INSERT_RISK = prepared(
  `INSERT INTO "risks" ("version", "title", "description", "category", "owner_id", "likelihood", "impact", "residual_likelihood", "residual_impact", "status", "treatment", "next_review_at") VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${riskSelect()}`,
);
/** libs/audit/src/audit-chain.writer.ts: queued, linked (lock, hash, insert) inside COMMIT. */
const QUEUE_AUDIT =
  prepared(`INSERT INTO audit_event_queue (id, occurred_at, actor_id, actor_email, actor_role,
  action, outcome, entity_type, entity_id, method, route, path, status_code, request_id, ip,
  user_agent, changes, hash_head, hash_tail)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`);

/** Task columns in the order the API's EntityRows selects them. */
const TASK_SELECT = [
  ['id', 'id'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['version', 'version'],
  ['risk_id', 'riskId'],
  ['title', 'title'],
  ['description', 'description'],
  ['assignee_id', 'assigneeId'],
  ['due_at', 'dueAt'],
  ['status', 'status'],
  ['priority', 'priority'],
  ['completed_at', 'completedAt'],
]
  .map(([column, property]) => `"${column}" AS "${property}"`)
  .join(', ');
const LOCK_TASK = prepared(`SELECT ${TASK_SELECT} FROM "tasks" WHERE "id" = $1 FOR UPDATE`);
/** The task fields a PATCH may send (no assigneeId: S5 does not send one), by column. */
const TASK_FIELDS = {
  title: 'title',
  description: 'description',
  dueAt: 'due_at',
  status: 'status',
  priority: 'priority',
  completedAt: 'completed_at',
};
const CLOSED_TASK_STATUSES = ['done', 'cancelled'];

/** libs/audit/src/audit-event-json.ts: PostgreSQL renders each event as its JSON. */
const AUDIT_EVENT_JSON = `SELECT row_to_json("body")::text AS "json", "event".seq::text AS "seq" FROM audit_events "event" CROSS JOIN LATERAL (SELECT id AS "id", seq::text AS "seq", to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt", actor_id AS "actorId", actor_email AS "actorEmail", actor_role AS "actorRole", action AS "action", outcome AS "outcome", entity_type AS "entityType", entity_id AS "entityId", method AS "method", route AS "route", path AS "path", status_code AS "statusCode", request_id AS "requestId", ip AS "ip", user_agent AS "userAgent", changes AS "changes", prev_hash::text AS "prevHash", hash::text AS "hash") "body"`;

// ------------------------------------------------------------------------------ mapping
function toRiskResponse(row) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    ownerId: row.ownerId,
    likelihood: row.likelihood,
    impact: row.impact,
    inherentScore: row.inherentScore,
    severity: row.severity,
    residualLikelihood: row.residualLikelihood,
    residualImpact: row.residualImpact,
    residualScore: row.residualScore,
    residualSeverity: row.residualSeverity,
    status: row.status,
    treatment: row.treatment,
    nextReviewAt: row.nextReviewAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toTaskResponse(row) {
  return {
    id: row.id,
    riskId: row.riskId,
    title: row.title,
    description: row.description,
    assigneeId: row.assigneeId,
    dueAt: row.dueAt?.toISOString() ?? null,
    status: row.status,
    priority: row.priority,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** libs/common/src/audit/audit-diff.ts: changed fields but bookkeeping and secrets. */
function diffSnapshots(before, after) {
  const changes = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of [...fields].sort()) {
    if (field === 'version' || field === 'updatedAt' || field === 'createdAt') continue;
    if (/password|secret|token|hash|bytes|content$/i.test(field)) continue;
    const from = before ? (before[field] ?? null) : null;
    const to = after ? (after[field] ?? null) : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** libs/audit/src/audit-hash.ts */
function canonicalJson(value) {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash input around the predecessor's hash, which only the database knows. */
function hashInputParts(fields, slot) {
  const parts = canonicalJson({ ...fields, prevHash: slot }).split(slot);
  if (parts.length !== 2) throw new Error('The audit event could not be serialised');
  return parts;
}

// ------------------------------------------------------------------------------ errors
class HttpError extends Error {
  constructor(status, title, detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }
}

// ------------------------------------------------------------------------------ auth
/** Like the API's VerifiedTokenCache: a token verified once is not verified again until exp. */
const verifiedTokens = new Map();

function verifiedClaims(token) {
  const known = verifiedTokens.get(token);
  if (known && Math.floor(Date.now() / 1000) < known.exp) return known;
  const claims = jwt.verify(token, SECRET, {
    algorithms: ['HS256'],
    issuer: 'risk-compliance-tracker',
    audience: 'rct-api',
  });
  if (verifiedTokens.size >= 10_000) verifiedTokens.delete(verifiedTokens.keys().next().value);
  verifiedTokens.set(token, claims);
  return claims;
}

/** What JwtStrategy does: verify (algorithm, signature, iss, aud, exp), then load the user. */
async function authenticate(request) {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
    throw new HttpError(401, 'Unauthorized', 'A valid bearer access token is required.');
  }
  let claims;
  try {
    claims = verifiedClaims(header.slice(7));
  } catch {
    throw new HttpError(401, 'Unauthorized', 'A valid bearer access token is required.');
  }
  if (
    claims.typ !== 'access' ||
    typeof claims.sub !== 'string' ||
    typeof claims.sid !== 'string' ||
    typeof claims.iat !== 'number'
  ) {
    throw new HttpError(401, 'Unauthorized', 'The access token is not one this API issued.');
  }
  const { rows } = await run(pool, SELECT_USER, [claims.sub]);
  const user = rows[0];
  if (!user || !user.isActive) {
    throw new HttpError(401, 'Unauthorized', 'The account is not active.');
  }
  if (claims.iat * 1000 < user.tokensValidAfter.getTime()) {
    throw new HttpError(401, 'Unauthorized', 'The access token was revoked; sign in again.');
  }
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    sessionId: claims.sid,
  };
}

// ------------------------------------------------------------------------------ server
const app = Fastify({
  logger: false,
  bodyLimit: 1_048_576,
  genReqId: () => randomUUID(),
});

app.addHook('onRequest', async (request, reply) => {
  reply.header('X-Request-Id', request.id);
  if (request.routeOptions.config?.public) return;
  request.user = await authenticate(request);
});

app.setErrorHandler((error, request, reply) => {
  const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
  if (status >= 500) process.stderr.write(`${error.stack ?? error}\n`);
  void reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title:
        error instanceof HttpError
          ? error.title
          : status >= 500
            ? 'Internal Server Error'
            : 'Bad Request',
      status,
      detail: status >= 500 ? 'Unexpected error.' : error.message,
      instance: request.url,
      requestId: request.id,
    });
});

app.get('/health/ready', { config: { public: true } }, async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

const ENUM = {
  status: ['open', 'in_treatment', 'monitoring', 'accepted', 'closed'],
  severity: ['low', 'medium', 'high', 'critical'],
  treatment: ['untreated', 'mitigate', 'accept', 'transfer', 'avoid'],
};
const SORTS = Object.keys(SORT_COLUMNS).flatMap((f) => [f, `-${f}`]);

app.get(
  '/api/v1/risks',
  {
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { enum: ENUM.status },
          severity: { enum: ENUM.severity },
          treatment: { enum: ENUM.treatment },
          ownerId: { type: 'string', format: 'uuid' },
          category: { type: 'string', minLength: 1, maxLength: 100 },
          q: { type: 'string', maxLength: 200 },
          sort: { enum: SORTS, default: '-inherentScore' },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          offset: { type: 'integer', minimum: 0, default: 0 },
        },
      },
    },
  },
  async (request) => {
    const query = request.query;
    const where = [];
    const params = [];
    for (const [name, column] of LIST_FILTERS) {
      if (query[name] !== undefined) {
        params.push(query[name]);
        where.push(`${column} = $${params.length}`);
      }
    }
    if (query.q) {
      params.push(query.q);
      where.push(`risk.search @@ websearch_to_tsquery('simple', $${params.length})`);
    }
    const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const desc = query.sort.startsWith('-');
    const column = SORT_COLUMNS[desc ? query.sort.slice(1) : query.sort];
    const order = `${column} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, risk.id ASC`;
    // Like EntityStore.list: the risks' change stamp; the page cached under it, if any; else
    // the page, then (unless a short page tells it) the total, each statement on whichever
    // pooled connection is free.
    const pageSql = `${whereSql} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`;
    const key = `${pageSql}\n${JSON.stringify(params)}`;
    const stamp =
      LIST_CACHE_ENTRIES > 0 ? (await run(pool, CHANGE_STAMP, ['risks'])).rows[0] : undefined;
    const cached = stamp && listCache.get(key);
    if (cached && cached.stamp === stamp.stamp) {
      cacheListPage(key, cached.stamp, cached.page);
      return cached.page;
    }
    const list = await pool.query(
      `SELECT ${riskSelect('risk')} FROM "risks" "risk"${pageSql}`,
      params,
    );
    let total;
    if (list.rows.length < query.limit && (list.rows.length > 0 || query.offset === 0)) {
      total = query.offset + list.rows.length;
    } else {
      const count = await pool.query(
        `SELECT COUNT(1) AS "total" FROM "risks" "risk"${whereSql}`,
        params,
      );
      total = Number(count.rows[0].total);
    }
    const page = {
      items: list.rows.map(toRiskResponse),
      total,
      limit: query.limit,
      offset: query.offset,
    };
    if (stamp) cacheListPage(key, stamp.stamp, page);
    return page;
  },
);

app.get(
  '/api/v1/risks/:id',
  {
    schema: {
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
      },
    },
  },
  async (request, reply) => {
    const { rows } = await run(pool, SELECT_RISK, [request.params.id]);
    if (!rows[0]) throw new HttpError(404, 'Not Found', `No risk with id ${request.params.id}.`);
    const risk = toRiskResponse(rows[0]);
    reply.header('ETag', `"${risk.version}"`);
    return risk;
  },
);

const scale = { type: 'integer', minimum: 1, maximum: 5 };
app.post(
  '/api/v1/risks',
  {
    schema: {
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'category', 'ownerId', 'likelihood', 'impact'],
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 200 },
          description: { type: 'string', maxLength: 10_000 },
          category: { type: 'string', minLength: 1, maxLength: 100 },
          ownerId: { type: 'string', format: 'uuid' },
          likelihood: scale,
          impact: scale,
          residualLikelihood: { ...scale, type: ['integer', 'null'] },
          residualImpact: { ...scale, type: ['integer', 'null'] },
          status: { enum: ENUM.status },
          treatment: { enum: ENUM.treatment },
          nextReviewAt: { type: ['string', 'null'], format: 'date-time' },
        },
      },
    },
  },
  async (request, reply) => {
    if (!['admin', 'manager'].includes(request.user.role)) {
      throw new HttpError(403, 'Forbidden', 'Your role may not do this.');
    }
    const dto = request.body;
    const title = dto.title.trim();
    const category = dto.category.trim();
    const residualLikelihood = dto.residualLikelihood ?? null;
    const residualImpact = dto.residualImpact ?? null;
    if ((residualLikelihood === null) !== (residualImpact === null)) {
      throw new HttpError(422, 'Unprocessable Content', 'Give both residual values or neither.');
    }
    return inTransaction(async (client) => {
      const active = await run(client, USER_IS_ACTIVE, [dto.ownerId]);
      if (active.rowCount === 0) {
        throw new HttpError(422, 'Unprocessable Content', 'ownerId must name an active user.');
      }
      const inserted = await run(client, INSERT_RISK, [
        title,
        dto.description ?? '',
        category,
        dto.ownerId,
        dto.likelihood,
        dto.impact,
        residualLikelihood,
        residualImpact,
        dto.status ?? 'open',
        dto.treatment ?? 'untreated',
        dto.nextReviewAt ? new Date(dto.nextReviewAt) : null,
      ]);
      const created = toRiskResponse(inserted.rows[0]);
      queueAuditEvent(client, request, {
        action: 'create',
        entityType: 'risk',
        entityId: created.id,
        route: '/api/v1/risks',
        statusCode: 201,
        changes: diffSnapshots(null, created),
      });
      reply.code(201).header('ETag', `"${created.version}"`);
      return created;
    });
  },
);

const ETAG = /^(?:W\/)?"(\d{1,15})"$/;
app.patch(
  '/api/v1/tasks/:id',
  {
    schema: {
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' } },
        required: ['id'],
      },
      body: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 200 },
          description: { type: 'string', maxLength: 10_000 },
          dueAt: { type: ['string', 'null'], format: 'date-time' },
          status: { enum: ['open', 'in_progress', 'blocked', 'done', 'cancelled'] },
          priority: { enum: ['low', 'medium', 'high', 'urgent'] },
        },
      },
    },
  },
  async (request, reply) => {
    if (!['admin', 'manager'].includes(request.user.role)) {
      throw new HttpError(403, 'Forbidden', 'Your role may not do this.');
    }
    const ifMatch = request.headers['if-match'];
    const match = ifMatch === undefined || ifMatch === '*' ? undefined : ETAG.exec(ifMatch.trim());
    if (ifMatch !== undefined && ifMatch !== '*' && !match) {
      throw new HttpError(400, 'Bad Request', 'If-Match must be one ETag as sent by this API.');
    }
    const dto = { ...request.body };
    if (dto.title !== undefined) dto.title = dto.title.trim();
    if (dto.dueAt) dto.dueAt = new Date(dto.dueAt).toISOString();
    return inTransaction(async (client) => {
      const { rows } = await run(client, LOCK_TASK, [request.params.id]);
      if (!rows[0]) throw new HttpError(404, 'Not Found', `No task with id ${request.params.id}.`);
      const before = toTaskResponse(rows[0]);
      if (match && Number(match[1]) !== before.version) {
        throw new HttpError(
          412,
          'The resource has changed',
          `If-Match names version ${match[1]} but the resource is at version ${before.version}; fetch it again and retry.`,
        );
      }
      if (dto.status !== undefined && dto.status !== before.status) {
        dto.completedAt = CLOSED_TASK_STATUSES.includes(dto.status)
          ? new Date().toISOString()
          : null;
      }
      // Like EntityStore.update: only what differs is written; nothing differs, nothing written.
      const changed = Object.keys(dto).filter((field) => dto[field] !== before[field]);
      let after = before;
      if (changed.length > 0) {
        const sets = changed.map((field, i) => `"${TASK_FIELDS[field]}" = $${i + 1}`);
        const updated = await run(
          client,
          preparedShape(
            `UPDATE "tasks" SET ${sets.join(', ')}, "updated_at" = CURRENT_TIMESTAMP, "version" = "version" + 1 WHERE "id" = $${changed.length + 1} RETURNING ${TASK_SELECT}`,
          ),
          [...changed.map((field) => dto[field]), before.id],
        );
        after = toTaskResponse(updated.rows[0]);
      }
      queueAuditEvent(client, request, {
        action: 'update',
        entityType: 'task',
        entityId: after.id,
        route: '/api/v1/tasks/:id',
        statusCode: 200,
        changes: diffSnapshots(before, after),
      });
      reply.header('ETag', `"${after.version}"`);
      return after;
    });
  },
);

const AUDIT_ENTITY_TYPES = ['user', 'risk', 'control', 'evidence', 'task', 'session'];
app.get(
  '/api/v1/audit-events',
  {
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityType: { enum: AUDIT_ENTITY_TYPES },
          cursor: { type: 'string', pattern: '^\\d{1,19}$' },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        },
      },
    },
  },
  async (request, reply) => {
    const { entityType, cursor, limit } = request.query;
    const where = [];
    const order = [];
    const params = [];
    if (entityType !== undefined) {
      params.push(entityType);
      where.push(`event.entity_type BETWEEN $${params.length} AND $${params.length}`);
      order.push('event.entity_type DESC');
    }
    if (cursor !== undefined) {
      params.push(cursor);
      where.push(`event.seq < $${params.length}`);
    }
    order.push('event.seq DESC');
    const { rows } = await run(
      pool,
      preparedShape(
        `${AUDIT_EVENT_JSON}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order.join(', ')} LIMIT ${limit} OFFSET 0`,
      ),
      params,
    );
    const nextCursor = rows.length === limit ? rows[rows.length - 1].seq : null;
    reply.type('application/json; charset=utf-8');
    return `{"items":[${rows.map((row) => row.json).join(',')}],"nextCursor":${JSON.stringify(nextCursor)},"limit":${limit}}`;
  },
);

/**
 * One transaction on one pooled connection, as the stock transactional adapter runs it: BEGIN,
 * the work, the audit event it left for the end (`client.atCommit`), COMMIT; else ROLLBACK.
 */
async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    if (client.atCommit) await client.query(client.atCommit);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    delete client.atCommit;
    client.release();
  }
}

/**
 * libs/audit/src/audit-chain.writer.ts: the event with its hash input split around prevHash,
 * queued with the transaction's COMMIT.
 */
function queueAuditEvent(client, request, event) {
  const userAgent = request.headers['user-agent'];
  const fields = {
    id: randomUUID(),
    occurredAt: new Date(),
    actorId: request.user.id,
    actorEmail: request.user.email,
    actorRole: request.user.role,
    action: event.action,
    outcome: 'success',
    entityType: event.entityType,
    entityId: event.entityId,
    method: request.method,
    route: event.route,
    path: request.url.split('?')[0],
    statusCode: event.statusCode,
    requestId: String(request.id),
    ip: request.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null,
    changes: event.changes,
  };
  const [head, tail] = hashInputParts(fields, `prev-${randomUUID()}`);
  client.atCommit = {
    ...QUEUE_AUDIT,
    values: [
      fields.id,
      fields.occurredAt,
      fields.actorId,
      fields.actorEmail,
      fields.actorRole,
      fields.action,
      fields.outcome,
      fields.entityType,
      fields.entityId,
      fields.method,
      fields.route,
      fields.path,
      fields.statusCode,
      fields.requestId,
      fields.ip,
      fields.userAgent,
      JSON.stringify(fields.changes),
      head,
      tail,
    ],
  };
}

async function shutdown() {
  await app.close();
  // Requests whose client went away may still be finishing their queries.
  await new Promise((done) => setTimeout(done, 500));
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

registerReportRoutes(app, pool);
await app.listen({ host: HOST, port: PORT });
process.stdout.write(`baseline listening on http://${HOST}:${PORT}\n`);
