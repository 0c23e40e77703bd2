import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@rct/common';
import { AppConfigService } from '@rct/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyRepository, StoredAnswer } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';
import { fingerprintOf } from './idempotent-request';

const USER = { id: 'user-1', email: 'u@example.com', fullName: 'U', role: 'manager' };

function request(fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    url: '/api/v1/risks',
    routeOptions: { url: '/api/v1/risks' },
    body: { title: 'A' },
    headers: { 'idempotency-key': 'k-1', ...headers },
    user: USER,
    ...fields,
  } as unknown as FastifyRequest;
}

interface FakeReply {
  statusCode: number;
  headers: Record<string, string>;
  status: jest.Mock<FakeReply, [number]>;
  header: jest.Mock<FakeReply, [string, string]>;
  getHeader: jest.Mock<string | undefined, [string]>;
}

function reply(): FakeReply {
  const headers: Record<string, string> = {};
  const fake: FakeReply = {
    statusCode: 201,
    headers,
    status: jest.fn((code: number): FakeReply => {
      fake.statusCode = code;
      return fake;
    }),
    header: jest.fn((name: string, value: string): FakeReply => {
      headers[name] = value;
      return fake;
    }),
    getHeader: jest.fn((name: string) => headers[name.toLowerCase()]),
  };
  return fake;
}

describe(IdempotencyService.name, () => {
  let keys: jest.Mocked<Pick<IdempotencyRepository, 'findLive' | 'tryLock' | 'store'>>;
  let service: IdempotencyService;

  beforeEach(() => {
    keys = {
      findLive: jest.fn().mockResolvedValue(undefined),
      tryLock: jest.fn().mockResolvedValue(true),
      store: jest.fn().mockResolvedValue(undefined),
    };
    const config = { get: jest.fn().mockReturnValue(600) } as unknown as AppConfigService;
    service = new IdempotencyService(keys as unknown as IdempotencyRepository, config);
  });

  describe('read', () => {
    it('should read the key, the principal and the fingerprint of a POST that sent one', () => {
      const sent = request();
      expect(service.read(sent, reply() as unknown as FastifyReply)).toEqual({
        principalId: 'user-1',
        key: 'k-1',
        fingerprint: fingerprintOf(sent),
      });
    });

    it('should scope a request made with an API key to the key, not the owner', () => {
      const sent = request({ user: { ...USER, apiKeyId: 'key-9' } });
      expect(service.read(sent, reply() as unknown as FastifyReply)?.principalId).toBe('key-9');
    });

    it.each([
      ['no header', request({ headers: {} })],
      ['a route under /auth', request({ routeOptions: { url: '/api/v1/auth/login' } })],
      ['a PATCH', request({ method: 'PATCH' })],
    ])('should ignore %s', (_label, sent) => {
      expect(service.read(sent, reply() as unknown as FastifyReply)).toBeUndefined();
    });

    it('should ignore the header where the answer carries a secret (no-store)', () => {
      const secretReply = reply();
      secretReply.headers['cache-control'] = 'no-store';
      expect(service.read(request(), secretReply as unknown as FastifyReply)).toBeUndefined();
    });

    it.each([['k'.repeat(256)], ['has space'], ['tab\there'], ['é']])(
      'should answer 400 naming the header for %j',
      (key) => {
        let thrown: unknown;
        try {
          service.read(request({}, { 'idempotency-key': key }), reply() as unknown as FastifyReply);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).status).toBe(HttpStatus.BAD_REQUEST);
        expect((thrown as DomainError).errors?.[0].field).toBe('Idempotency-Key');
      },
    );
  });

  describe('fingerprintOf', () => {
    it('should differ by method, path and body, but not by query', () => {
      const base = fingerprintOf(request());
      expect(fingerprintOf(request({ url: '/api/v1/risks?x=1' }))).toBe(base);
      expect(fingerprintOf(request({ url: '/api/v1/tasks' }))).not.toBe(base);
      expect(fingerprintOf(request({ body: { title: 'B' } }))).not.toBe(base);
      expect(fingerprintOf(request({ method: 'PUT' }))).not.toBe(base);
    });
  });

  describe('replayable and claim', () => {
    const stored = (fields: Partial<StoredAnswer> = {}): StoredAnswer => ({
      fingerprint: fingerprintOf(request()),
      statusCode: 201,
      body: '{"id":"r-1","version":1}',
      etag: '"1"',
      location: null,
      ...fields,
    });

    it('should replay a stored answer with its status, ETag and Idempotent-Replayed', async () => {
      keys.findLive.mockResolvedValue(stored());
      const sent = reply();
      const replay = await service.replayable(
        service.read(request(), reply() as unknown as FastifyReply)!,
        sent as unknown as FastifyReply,
      );
      // The stored text goes out as it is, declared JSON: no parse, no serialisation.
      expect(replay).toEqual({ body: '{"id":"r-1","version":1}' });
      expect(sent.status).toHaveBeenCalledWith(201);
      expect(sent.headers).toEqual({
        'Idempotent-Replayed': 'true',
        ETag: '"1"',
        'Content-Type': 'application/json; charset=utf-8',
      });
    });

    it('should answer 422 when the key was used for another request', async () => {
      keys.findLive.mockResolvedValue(stored({ fingerprint: 'f'.repeat(64) }));
      await expect(
        service.replayable(
          service.read(request(), reply() as unknown as FastifyReply)!,
          reply() as unknown as FastifyReply,
        ),
      ).rejects.toMatchObject({ status: 422, code: 'idempotency-key-reused' });
    });

    it('should answer 409 while another transaction holds the key', async () => {
      keys.tryLock.mockResolvedValue(false);
      await expect(
        service.claim(
          service.read(request(), reply() as unknown as FastifyReply)!,
          reply() as unknown as FastifyReply,
        ),
      ).rejects.toMatchObject({ status: 409, code: 'idempotency-key-in-flight' });
      expect(keys.findLive).not.toHaveBeenCalled();
    });
  });

  describe('remember', () => {
    it('should store status, body, ETag and Location with the TTL', async () => {
      const sent = reply();
      sent.headers.location = '/api/v1/risks/r-1';
      await service.remember(
        service.read(request(), reply() as unknown as FastifyReply)!,
        201,
        { id: 'r-1', version: 4 },
        sent as unknown as FastifyReply,
      );
      expect(keys.store).toHaveBeenCalledWith(
        'user-1',
        'k-1',
        {
          fingerprint: fingerprintOf(request()),
          statusCode: 201,
          body: '{"id":"r-1","version":4}',
          etag: '"4"',
          location: '/api/v1/risks/r-1',
        },
        600,
      );
    });

    it('should store a body-less answer (204) as null', async () => {
      await service.remember(
        service.read(request(), reply() as unknown as FastifyReply)!,
        204,
        undefined,
        reply() as unknown as FastifyReply,
      );
      expect(keys.store.mock.calls[0][2]).toMatchObject({
        statusCode: 204,
        body: null,
        etag: null,
      });
    });
  });
});
