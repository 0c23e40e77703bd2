import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@rct/auth';
import { etagOf } from '@rct/common';
import { AppConfigService } from '@rct/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  InvalidIdempotencyKeyError,
} from './idempotency.errors';
import { IdempotencyRepository, StoredAnswer } from './idempotency.repository';
import {
  fingerprintOf,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyKeyOf,
  IdempotentRequest,
  isIdempotentRoute,
  principalOf,
} from './idempotent-request';

/**
 * An answer given before, to send again instead of writing: its body is the stored JSON text,
 * sent as it is (the Content-Type is set), so a replay neither parses nor serialises it.
 */
export interface Replay {
  body: string | undefined;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Idempotency-Key for POSTs (DESIGN "Integrations"). The audited-write path calls it around
 * every write: replayable() before the transaction (a replay then costs one primary-key read),
 * claim() first inside it and remember() last, so the answer is stored in the same commit as
 * the write. A transaction-scoped advisory lock marks the first request as running.
 */
@Injectable()
export class IdempotencyService {
  private readonly ttlSeconds: number;

  constructor(
    private readonly keys: IdempotencyRepository,
    config: AppConfigService,
  ) {
    this.ttlSeconds = config.get('IDEMPOTENCY_TTL');
  }

  /**
   * The request's key, principal and fingerprint, if it is a POST that honours the header and
   * sent it; a malformed key is a 400 naming the header. An answer that carries a secret
   * (`Cache-Control: no-store`, set by @NoStore before the handler runs) is never stored: the
   * header is ignored there, so an API key's secret never rests in idempotency_keys.
   */
  read(request: FastifyRequest, reply: FastifyReply): IdempotentRequest | undefined {
    const key = idempotencyKeyOf(request);
    if (key === undefined) return undefined;
    const route = request.routeOptions?.url;
    if (!route || !isIdempotentRoute(request.method, route)) return undefined;
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return undefined;
    if (key === null) throw new InvalidIdempotencyKeyError();
    const principalId = principalOf((request as FastifyRequest & { user?: AuthUser }).user);
    if (!principalId) return undefined;
    return { principalId, key, fingerprint: fingerprintOf(request) };
  }

  /** Outside any transaction: the stored answer, if one is live (422 if it was another request). */
  async replayable(request: IdempotentRequest, reply: FastifyReply): Promise<Replay | undefined> {
    const stored = await this.keys.findLive(request.principalId, request.key);
    return stored && replay(request, stored, reply);
  }

  /**
   * First inside the write's transaction: 409 while another request with the key runs, else
   * the answer it committed meanwhile (if any), which the write then gives instead.
   */
  async claim(request: IdempotentRequest, reply: FastifyReply): Promise<Replay | undefined> {
    if (!(await this.keys.tryLock(request.principalId, request.key))) {
      throw new IdempotencyKeyInFlightError(request.key);
    }
    return this.replayable(request, reply);
  }

  /** Last inside the write's transaction: stores its answer with it. */
  async remember(
    request: IdempotentRequest,
    statusCode: number,
    body: unknown,
    reply: FastifyReply,
  ): Promise<void> {
    const location = reply.getHeader('location');
    await this.keys.store(
      request.principalId,
      request.key,
      {
        fingerprint: request.fingerprint,
        statusCode,
        body: body === undefined ? null : JSON.stringify(body),
        etag: etagOfBody(body),
        location: typeof location === 'string' ? location : null,
      },
      this.ttlSeconds,
    );
  }
}

function replay(request: IdempotentRequest, stored: StoredAnswer, reply: FastifyReply): Replay {
  if (stored.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError(request.key);
  void reply.status(stored.statusCode).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (stored.etag !== null) void reply.header('ETag', stored.etag);
  if (stored.location !== null) void reply.header('Location', stored.location);
  if (stored.body === null) return { body: undefined };
  void reply.header('Content-Type', JSON_CONTENT_TYPE);
  return { body: stored.body };
}

/** The ETag registerEtagHeader will send with this body, if it is a versioned resource. */
function etagOfBody(body: unknown): string | null {
  const version = (body as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' ? etagOf(version) : null;
}
