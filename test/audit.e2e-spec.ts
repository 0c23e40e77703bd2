import { Body, Controller, Module, Post } from '@nestjs/common';
import { hashAuditEvent } from '@rct/audit';
import { Public } from '@rct/auth';
import { AuditOutcome } from '@rct/audit';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { AuditChainWriter } from '../libs/audit/src/audit-chain.writer';
import {
  bearer,
  createUserAndLogin,
  DEFAULT_PASSWORD,
  loginAdmin,
  Session,
} from './support/auth-helpers';
import { ProbeModule } from './support/probe.module';
import { createTestApp, TestApp } from './support/test-app';

interface AuditEvent {
  id: string;
  seq: string;
  action: string;
  outcome: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  entityType: string | null;
  entityId: string | null;
  method: string;
  route: string | null;
  path: string;
  statusCode: number;
  requestId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  prevHash: string;
  hash: string;
}

describe('audit trail', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule], env: { LOGIN_MAX_FAILURES: '1000' } });
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  async function eventsOf(requestId: string): Promise<AuditEvent[]> {
    const res = await t.http
      .get(`/api/v1/audit-events?requestId=${encodeURIComponent(requestId)}`)
      .set(...bearer(admin));
    expect(res.status).toBe(200);
    return res.body.items as AuditEvent[];
  }

  async function onlyEventOf(res: { headers: Record<string, string> }): Promise<AuditEvent> {
    const events = await eventsOf(res.headers['x-request-id']);
    expect(events).toHaveLength(1);
    return events[0];
  }

  const verify = async () =>
    (
      await t.http
        .get('/api/v1/audit-events/verify')
        .set(...bearer(admin))
        .expect(200)
    ).body as {
      valid: boolean;
      checked: number;
      firstBrokenId: string | null;
    };

  describe('successful writes', () => {
    it('should record a create with the actor, the entity and the new values, never the password', async () => {
      const email = `audited-${randomUUID()}@rct.test`;
      const res = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email, fullName: 'Audited Person', role: 'analyst', password: DEFAULT_PASSWORD });
      expect(res.status).toBe(201);
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({
        action: 'create',
        outcome: 'success',
        actorId: admin.user.id,
        actorEmail: admin.user.email,
        actorRole: 'admin',
        entityType: 'user',
        entityId: res.body.id,
        method: 'POST',
        route: '/api/v1/users',
        path: '/api/v1/users',
        statusCode: 201,
        requestId: res.headers['x-request-id'],
      });
      expect(event.changes).toMatchObject({
        email: { from: null, to: email },
        role: { from: null, to: 'analyst' },
      });
      expect(JSON.stringify(event)).not.toContain(DEFAULT_PASSWORD);
      expect(JSON.stringify(event)).not.toMatch(/argon2/);
    });

    it('should record an update as a field-level diff under the caller’s request id', async () => {
      const user = await createUserAndLogin(t, admin, 'viewer', { fullName: 'Before Name' });
      const requestId = `audit-${randomUUID()}`;
      const res = await t.http
        .patch(`/api/v1/users/${user.user.id}`)
        .set(...bearer(admin))
        .set('X-Request-Id', requestId)
        .send({ fullName: 'After Name', role: 'manager' });
      expect(res.status).toBe(200);
      const event = await onlyEventOf(res);
      expect(event.requestId).toBe(requestId);
      expect(event.route).toBe('/api/v1/users/:id');
      expect(event.path).toBe(`/api/v1/users/${user.user.id}`);
      expect(event.changes).toEqual({
        fullName: { from: 'Before Name', to: 'After Name' },
        role: { from: 'viewer', to: 'manager' },
      });
    });

    it('should record sign-in, refresh, logout and password changes as the user', async () => {
      const email = `session-${randomUUID()}@rct.test`;
      await createUserAndLogin(t, admin, 'analyst', { email });
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email, password: DEFAULT_PASSWORD });
      const loginEvent = await onlyEventOf(login);
      expect(loginEvent).toMatchObject({
        action: 'login',
        outcome: 'success',
        actorEmail: email,
        actorId: login.body.user.id,
        entityType: 'session',
        statusCode: 200,
      });

      const refreshed = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken });
      expect(await onlyEventOf(refreshed)).toMatchObject({
        action: 'refresh',
        actorId: login.body.user.id,
        entityId: loginEvent.entityId,
      });

      const changed = await t.http
        .post('/api/v1/auth/change-password')
        .set(...bearer(refreshed.body.accessToken))
        .send({ currentPassword: DEFAULT_PASSWORD, newPassword: 'another-fine-passphrase' });
      expect(changed.status).toBe(204);
      expect(await onlyEventOf(changed)).toMatchObject({
        action: 'password_change',
        entityType: 'user',
        entityId: login.body.user.id,
        statusCode: 204,
        changes: {},
      });

      const renewed = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: refreshed.body.refreshToken });
      const logout = await t.http
        .post('/api/v1/auth/logout')
        .set(...bearer(renewed.body.accessToken))
        .send({ refreshToken: renewed.body.refreshToken });
      expect(logout.status).toBe(204);
      expect(await onlyEventOf(logout)).toMatchObject({
        action: 'logout',
        entityId: loginEvent.entityId,
      });
    });

    it('should record nothing for a read', async () => {
      const res = await t.http.get('/api/v1/users').set(...bearer(admin));
      expect(res.status).toBe(200);
      expect(await eventsOf(res.headers['x-request-id'])).toHaveLength(0);
    });
  });

  describe('failures and denials', () => {
    it('should keep neither the rows nor a success event of a request that fails after writing', async () => {
      const name = `doomed-${randomUUID()}`;
      const res = await t.http.post('/api/v1/__probe/probe-items/two-then-fail').send({ name });
      expect(res.status).toBe(500);
      expect(
        await t.sql('SELECT 1 FROM probe_items WHERE name LIKE $1', [`${name}%`]),
      ).toHaveLength(0);
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({ outcome: 'failed', statusCode: 500, method: 'POST' });
    });

    it('should record a failed sign-in with the e-mail tried and never the password', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'Intruder@RCT.test', password: 'guessing-password-77' });
      expect(res.status).toBe(401);
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({
        action: 'login_failed',
        outcome: 'failed',
        actorEmail: 'intruder@rct.test',
        actorId: null,
        statusCode: 401,
      });
      expect(JSON.stringify(event)).not.toContain('guessing-password-77');
    });

    it('should record token reuse and keep the family revoked', async () => {
      const session = await loginAdmin(t);
      await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(200);
      const reuse = await t.http
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: session.refreshToken });
      expect(reuse.status).toBe(401);
      const event = await onlyEventOf(reuse);
      expect(event).toMatchObject({
        action: 'token_reuse',
        outcome: 'failed',
        entityType: 'session',
      });
      const [family] = await t.sql<{ revoked_reason: string }>(
        'SELECT revoked_reason FROM refresh_token_families WHERE id = $1',
        [event.entityId],
      );
      expect(family.revoked_reason).toBe('reuse');
    });

    it('should answer a non-admin 403 on /audit-events and record that denial', async () => {
      const analyst = await createUserAndLogin(t, admin, 'analyst');
      const res = await t.http.get('/api/v1/audit-events').set(...bearer(analyst));
      expect(res.status).toBe(403);
      expect(await onlyEventOf(res)).toMatchObject({
        outcome: 'denied',
        actorId: analyst.user.id,
        actorRole: 'analyst',
        statusCode: 403,
        method: 'GET',
        path: '/api/v1/audit-events',
      });
    });

    it('should chain no event for requests without any credentials, however many', async () => {
      const count = async () =>
        (await t.sql<{ count: string }>('SELECT count(*) FROM audit_events'))[0].count;
      const before = await count();
      const answers = await Promise.all([
        t.http.patch('/api/v1/auth/me').send({ fullName: 'Nobody' }),
        t.http.post('/api/v1/risks').send({ title: 'Anonymous' }),
        t.http.get('/api/v1/audit-events'),
        ...Array.from({ length: 20 }, () => t.http.get('/api/v1/risks')),
      ]);
      expect(answers.map((res) => res.status)).toEqual(answers.map(() => 401));
      expect(await count()).toBe(before);
      expect((await verify()).valid).toBe(true);
    });

    it('should chain a presented but invalid token as denied', async () => {
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set('Authorization', 'Bearer not-a-token')
        .send({ fullName: 'Nobody' });
      expect(res.status).toBe(401);
      expect(await onlyEventOf(res)).toMatchObject({
        outcome: 'denied',
        actorId: null,
        statusCode: 401,
      });
    });

    it('should chain a failed sign-in even though it carries no credentials', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'wrong-password-123' });
      expect(res.status).toBe(401);
      expect(await onlyEventOf(res)).toMatchObject({ action: 'login_failed', statusCode: 401 });
    });

    it('should record a rejected write as failed', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(...bearer(admin))
        .send({ email: 'nope' });
      expect(res.status).toBe(400);
      expect(await onlyEventOf(res)).toMatchObject({
        outcome: 'failed',
        statusCode: 400,
        actorId: admin.user.id,
      });
    });
  });

  describe('append-only table', () => {
    it.each([
      ['UPDATE', "UPDATE audit_events SET action = 'forged'"],
      ['DELETE', 'DELETE FROM audit_events'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('should refuse %s for the application’s database user', async (_op, statement) => {
      const before = await t.sql<{ count: string }>('SELECT count(*) FROM audit_events');
      await expect(t.sql(statement)).rejects.toThrow(/append-only/);
      expect(await t.sql('SELECT count(*) FROM audit_events')).toEqual(before);
    });
  });

  describe('hash chain', () => {
    it('should stay valid under 50 concurrent writes', async () => {
      const [{ count: before }] = await t.sql<{ count: string }>(
        'SELECT count(*) FROM audit_events',
      );
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.http
            .patch('/api/v1/auth/me')
            .set(...bearer(admin))
            .send({ fullName: `Concurrent ${i}` }),
        ),
      );
      expect(results.every((res) => res.status === 200)).toBe(true);
      const [{ count: after }] = await t.sql<{ count: string }>(
        'SELECT count(*) FROM audit_events',
      );
      expect(Number(after) - Number(before)).toBe(50);
      expect(await t.sql('SELECT id FROM audit_event_queue')).toEqual([]);
      const verdict = await verify();
      expect(verdict).toMatchObject({ valid: true, checked: Number(after), firstBrokenId: null });
    });

    it('should link an event when its transaction commits and leave nothing queued', async () => {
      const txHost = t.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
      const linked = (id: string) =>
        t.sql('SELECT prev_hash, hash FROM audit_events WHERE id = $1', [id]);
      let queuedId = '';
      let headHash = '';
      await t.app.get(ClsService).run(() =>
        txHost.withTransaction(async () => {
          await t.app.get(AuditChainWriter).append({
            actorId: null,
            actorEmail: null,
            actorRole: null,
            action: 'create',
            outcome: AuditOutcome.Success,
            entityType: null,
            entityId: null,
            method: 'SYSTEM',
            route: null,
            path: 'audit.e2e-spec',
            statusCode: 0,
            requestId: 'queued-then-linked',
            ip: null,
            userAgent: null,
            changes: {},
          });
          const [queued] = await txHost.tx.query<{ id: string }[]>(
            'SELECT id FROM audit_event_queue',
          );
          queuedId = queued.id;
          const unlinked = await txHost.tx.query<unknown[]>(
            'SELECT id FROM audit_events WHERE id = $1',
            [queuedId],
          );
          expect(unlinked).toEqual([]);
          const [head] = await txHost.tx.query<{ hash: string }[]>(
            'SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1',
          );
          headHash = head.hash;
        }),
      );

      expect(await linked(queuedId)).toEqual([
        { prev_hash: headHash, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect(await t.sql('SELECT id FROM audit_event_queue')).toEqual([]);
      expect((await verify()).valid).toBe(true);
    });

    it('should name the first event changed behind the API’s back', async () => {
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(admin))
        .send({ fullName: 'Target' });
      const target = await onlyEventOf(res);
      await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(admin))
        .send({ fullName: 'Later' })
        .expect(200);
      expect((await verify()).valid).toBe(true);

      await t.sql('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      try {
        await t.sql(`UPDATE audit_events SET actor_email = 'someone-else@rct.test' WHERE id = $1`, [
          target.id,
        ]);
      } finally {
        await t.sql('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
      }
      const verdict = await verify();
      expect(verdict.valid).toBe(false);
      expect(verdict.firstBrokenId).toBe(target.id);
      const [{ position }] = await t.sql<{ position: string }>(
        'SELECT count(*) AS position FROM audit_events WHERE seq <= $1',
        [target.seq],
      );
      expect(verdict.checked).toBe(Number(position));
      // Restore the row so other tests see a valid chain again.
      await t.sql('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await t.sql('UPDATE audit_events SET actor_email = $2 WHERE id = $1', [
        target.id,
        target.actorEmail,
      ]);
      await t.sql('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
      expect((await verify()).valid).toBe(true);
    });
  });

  describe('reading', () => {
    it('should page newest first by cursor and filter', async () => {
      for (let i = 0; i < 3; i += 1) {
        await t.http
          .patch('/api/v1/auth/me')
          .set(...bearer(admin))
          .send({ fullName: `Paged ${i}` })
          .expect(200);
      }
      const first = await t.http
        .get(`/api/v1/audit-events?entityType=user&entityId=${admin.user.id}&action=update&limit=2`)
        .set(...bearer(admin));
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      expect(BigInt(first.body.items[0].seq) > BigInt(first.body.items[1].seq)).toBe(true);
      expect(first.body.nextCursor).toBe(first.body.items[1].seq);
      const second = await t.http
        .get(
          `/api/v1/audit-events?entityType=user&entityId=${admin.user.id}&action=update&limit=2&cursor=${first.body.nextCursor}`,
        )
        .set(...bearer(admin));
      expect(BigInt(second.body.items[0].seq) < BigInt(first.body.items[1].seq)).toBe(true);
      expect(second.body.items.every((e: AuditEvent) => e.entityId === admin.user.id)).toBe(true);
    });

    it('should give each filter, alone or combined, exactly the matching events newest first', async () => {
      const all = await t.http.get('/api/v1/audit-events?limit=100').set(...bearer(admin));
      const events = all.body.items as AuditEvent[];
      const oldest = BigInt(events[events.length - 1].seq);
      const cases: [string, (event: AuditEvent) => boolean][] = [
        ['entityType=user', (e) => e.entityType === 'user'],
        ['action=update', (e) => e.action === 'update'],
        ['outcome=denied', (e) => e.outcome === 'denied'],
        [`actorId=${admin.user.id}`, (e) => e.actorId === admin.user.id],
        [
          'entityType=session&outcome=success',
          (e) => e.entityType === 'session' && e.outcome === 'success',
        ],
        [
          `entityType=user&actorId=${admin.user.id}&action=update`,
          (e) => e.entityType === 'user' && e.actorId === admin.user.id && e.action === 'update',
        ],
      ];
      for (const [filter, matches] of cases) {
        const res = await t.http
          .get(`/api/v1/audit-events?${filter}&limit=100`)
          .set(...bearer(admin));
        const recent = (res.body.items as AuditEvent[]).filter((e) => BigInt(e.seq) >= oldest);
        expect({ filter, seqs: recent.map((e) => e.seq) }).toEqual({
          filter,
          seqs: events.filter(matches).map((e) => e.seq),
        });
      }
    });

    it('should answer each event exactly as stored: its own hash recomputes from the JSON', async () => {
      await t.http
        .patch('/api/v1/auth/me')
        .set(...bearer(admin))
        .send({ fullName: 'Zoë "quoted" \\ Ω' })
        .expect(200);
      const res = await t.http.get('/api/v1/audit-events?limit=100').set(...bearer(admin));
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const events = res.body.items as (AuditEvent & { occurredAt: string })[];
      expect(events[0].changes.fullName.to).toBe('Zoë "quoted" \\ Ω');
      for (const event of events) {
        expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
        const fields = { ...event, occurredAt: new Date(event.occurredAt) };
        expect({ id: event.id, hash: hashAuditEvent(fields as never) }).toEqual({
          id: event.id,
          hash: event.hash,
        });
      }
    });

    it('should get one event by id, 404 an unknown one and 400 bad filters', async () => {
      const page = await t.http.get('/api/v1/audit-events?limit=1').set(...bearer(admin));
      const one = await t.http
        .get(`/api/v1/audit-events/${page.body.items[0].id}`)
        .set(...bearer(admin));
      expect(one.body).toEqual(page.body.items[0]);
      expect(
        (await t.http.get(`/api/v1/audit-events/${randomUUID()}`).set(...bearer(admin))).status,
      ).toBe(404);
      for (const query of [
        'limit=101',
        'cursor=abc',
        'outcome=maybe',
        'from=yesterday',
        'actorId=42',
      ]) {
        const res = await t.http.get(`/api/v1/audit-events?${query}`).set(...bearer(admin));
        expect([query, res.status]).toEqual([query, 400]);
      }
    });
  });

  describe('coverage', () => {
    @Public()
    @Controller('unaudited')
    class UnauditedController {
      @Post()
      create(@Body() body: unknown): unknown {
        return body;
      }
    }

    @Module({ controllers: [UnauditedController] })
    class UnauditedModule {}

    it('should refuse to start an app with a write handler outside auditWrites', async () => {
      await expect(createTestApp({ imports: [UnauditedModule] })).rejects.toThrow(
        /without the audit interceptor: POST UnauditedController\.create/,
      );
    });
  });
});
