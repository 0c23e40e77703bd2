import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  createControl,
  createEvidence,
  createRisk,
  createTask,
  createUser,
  downloadEvidenceFile,
  getMyProfile,
  getTask,
  listAuditEvents,
  listRisks,
  login,
  type LoginResponse,
  type ProblemDetails,
  refreshTokens,
  reviewEvidence,
  updateTask,
  type UpdateTaskErrors,
  uploadEvidenceFile,
} from './sdk/generated';
import { type Client, createClient, createConfig } from './sdk/generated/client';
import { createTestApp, TEST_ADMIN, TestApp } from './support/test-app';

/**
 * The API driven only through the SDK that `npm run sdk:generate` builds from openapi.json,
 * over real HTTP, the way a consumer of the spec would use it.
 */

/** What every SDK call resolves to with the default `responseStyle: 'fields'`. */
type Result<TData, TError> = (
  { data: TData; error: undefined } | { data: undefined; error: TError }
) & { response: Response };

/** Compile-time proof that two types are the same. */
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const PROBLEM_JSON = /^application\/problem\+json/;
const DAY = 24 * 60 * 60 * 1000;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The data of a call that must succeed; otherwise fails naming the status and problem. */
async function ok<TData, TError>(
  call: Result<TData, TError> | Promise<Result<TData, TError>>,
): Promise<TData> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new Error(`expected success, got ${response.status} ${JSON.stringify(error)}`);
  }
  return data;
}

/** The typed problem of a call that must fail with `status`, checked as a client would. */
async function problem<TData, TError>(
  call: Result<TData, TError> | Promise<Result<TData, TError>>,
  status: number,
): Promise<TError> {
  const { data, error, response } = await call;
  expect(data).toBeUndefined();
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  if (error === undefined) throw new Error(`expected a ${status} problem, got success`);
  return error;
}

describe('the generated SDK', () => {
  let t: TestApp;
  let baseUrl: string;

  interface Session {
    client: Client;
    tokens: LoginResponse;
  }

  /** An SDK client that sends no credentials. */
  const anonymous = (): Client => createClient(createConfig({ baseUrl }));

  /** Signs in and returns a client whose bearer token is always the session's latest. */
  async function signIn(email: string, password: string): Promise<Session> {
    const tokens = await ok(login({ client: anonymous(), body: { email, password } }));
    const session: Session = {
      tokens,
      client: createClient(createConfig({ baseUrl, auth: () => session.tokens.accessToken })),
    };
    return session;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    // The spec's paths are absolute (/api/v1/...), so the base URL is the server's origin.
    baseUrl = await t.app.getUrl();
  });

  afterAll(() => t.close());

  describe('signing in', () => {
    it('should sign in, read the profile and refresh the session', async () => {
      const session = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const first = session.tokens;
      expect(first).toMatchObject({
        tokenType: 'Bearer',
        user: { email: TEST_ADMIN.email, role: 'admin' },
      });
      expect(first.expiresIn).toBeGreaterThan(0);

      const me = await ok(getMyProfile({ client: session.client }));
      expect(me).toMatchObject({ id: first.user.id, email: TEST_ADMIN.email, role: 'admin' });

      // Refreshing spends the refresh token and hands out a new pair, which the client uses.
      session.tokens = await ok(
        refreshTokens({ client: anonymous(), body: { refreshToken: first.refreshToken } }),
      );
      expect(session.tokens.refreshToken).not.toBe(first.refreshToken);
      expect(session.tokens.user.id).toBe(first.user.id);
      expect(await ok(getMyProfile({ client: session.client }))).toMatchObject({
        email: TEST_ADMIN.email,
      });

      // Presenting the spent token again is refused, and ends the whole session (RFC 9700).
      const reused = await problem(
        refreshTokens({ client: anonymous(), body: { refreshToken: first.refreshToken } }),
        401,
      );
      expect(reused.status).toBe(401);
      await problem(
        refreshTokens({ client: anonymous(), body: { refreshToken: session.tokens.refreshToken } }),
        401,
      );
    });

    it('should answer a wrong password with a typed 401 problem', async () => {
      const { error, response } = await login({
        client: anonymous(),
        body: { email: TEST_ADMIN.email, password: 'not-the-password-1' },
      });
      expect(response.status).toBe(401);
      expect(error).toMatchObject({
        status: 401,
        requestId: response.headers.get('x-request-id'),
      });
    });
  });

  describe('building a register', () => {
    let admin: Session;
    const tag = `sdk${randomUUID().slice(0, 8)}`;
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);

    beforeAll(async () => {
      admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    });

    it('should create a risk, its control, evidence with a file, a review and a task', async () => {
      const { client } = admin;
      const ownerId = admin.tokens.user.id;

      const risk = await ok(
        createRisk({
          client,
          body: {
            title: `Vendor outage ${tag}`,
            category: tag,
            ownerId,
            likelihood: 4,
            impact: 4,
            description: 'Our payment processor goes down for a day.',
          },
        }),
      );
      expect(risk).toMatchObject({
        inherentScore: 16,
        severity: 'high',
        status: 'open',
        treatment: 'untreated',
        version: 1,
      });

      const control = await ok(
        createControl({
          client,
          body: {
            riskId: risk.id,
            code: `BC-${tag}`,
            title: 'Secondary payment processor',
            type: 'corrective',
            ownerId,
            frameworkRefs: ['ISO27001:A.5.30'],
          },
        }),
      );
      expect(control).toMatchObject({ riskId: risk.id, frameworkRefs: ['ISO27001:A.5.30'] });

      const evidence = await ok(
        createEvidence({
          client,
          body: {
            controlId: control.id,
            title: 'Failover test report',
            kind: 'document',
            collectedAt: new Date(Date.now() - DAY).toISOString(),
          },
        }),
      );
      expect(evidence).toMatchObject({
        controlId: control.id,
        reviewStatus: 'pending_review',
        file: null,
      });

      // Upload: the SDK sends multipart/form-data with the binary `file` field.
      const uploaded = await ok(
        uploadEvidenceFile({
          client,
          path: { id: evidence.id },
          body: { file: new File([bytes], 'failover-report.pdf', { type: 'application/pdf' }) },
        }),
      );
      expect(uploaded.file).toEqual({
        name: 'failover-report.pdf',
        size: bytes.length,
        contentType: 'application/pdf',
        sha256: sha256(bytes),
      });

      // Download: the very same bytes come back as a Blob.
      const download = await downloadEvidenceFile({ client, path: { id: evidence.id } });
      expect(download.response.status).toBe(200);
      expect(download.response.headers.get('content-type')).toMatch(/^application\/pdf/);
      expect(download.response.headers.get('content-disposition')).toContain('failover-report.pdf');
      const blob = await ok(download);
      expect(blob).toBeInstanceOf(Blob);
      const downloaded = new Uint8Array(await blob.arrayBuffer());
      expect(Buffer.from(downloaded).equals(bytes)).toBe(true);
      expect(sha256(downloaded)).toBe(uploaded.file?.sha256);

      const reviewed = await ok(
        reviewEvidence({
          client,
          path: { id: evidence.id },
          body: { decision: 'approved', comment: 'Failover completed within the RTO.' },
        }),
      );
      expect(reviewed).toMatchObject({
        reviewStatus: 'approved',
        reviewedById: ownerId,
        reviewComment: 'Failover completed within the RTO.',
      });
      expect(reviewed.reviewedAt).not.toBeNull();

      const created = await createTask({
        client,
        body: {
          riskId: risk.id,
          title: 'Sign the secondary processor contract',
          assigneeId: ownerId,
          priority: 'high',
          dueAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      });
      const task = await ok(created);
      expect(task).toMatchObject({ status: 'open', priority: 'high', version: 1 });
      const etag = created.response.headers.get('etag');
      expect(etag).toBe('"1"');

      // A PATCH that sends back the ETag it was given as If-Match wins.
      const done = await updateTask({
        client,
        path: { id: task.id },
        headers: { 'If-Match': etag ?? '' },
        body: { status: 'done' },
      });
      expect(await ok(done)).toMatchObject({ status: 'done', version: 2 });
      expect(done.data?.completedAt).not.toBeNull();
      expect(done.response.headers.get('etag')).toBe('"2"');
    });

    it('should list risks with filters, search, sorting and paging', async () => {
      const { client } = admin;
      const category = `list-${randomUUID().slice(0, 8)}`;
      for (const [title, likelihood, impact] of [
        ['Vendor outage', 4, 4],
        ['Data leak', 5, 3],
        ['Typo on the website', 1, 1],
      ] as const) {
        await ok(
          createRisk({
            client,
            body: { title, category, ownerId: admin.tokens.user.id, likelihood, impact },
          }),
        );
      }

      const high = await ok(
        listRisks({
          client,
          query: { category, severity: 'high', sort: '-inherentScore' },
        }),
      );
      // Without limit and offset the first 20 come back.
      expect(high).toMatchObject({ total: 2, limit: 20, offset: 0 });
      expect(high.items.map((risk) => [risk.title, risk.inherentScore])).toEqual([
        ['Vendor outage', 16],
        ['Data leak', 15],
      ]);

      const found = await ok(listRisks({ client, query: { category, q: 'leak' } }));
      expect(found.items.map((risk) => risk.title)).toEqual(['Data leak']);

      const page = await ok(
        listRisks({ client, query: { category, sort: 'title', limit: 2, offset: 1 } }),
      );
      expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(page.items.map((risk) => risk.title)).toEqual([
        'Typo on the website',
        'Vendor outage',
      ]);
    });

    it('should read the audit trail of what was done', async () => {
      const { client } = admin;
      const created = await createRisk({
        client,
        body: {
          title: `Audited ${tag}`,
          category: tag,
          ownerId: admin.tokens.user.id,
          likelihood: 2,
          impact: 3,
        },
      });
      const risk = await ok(created);
      const requestId = created.response.headers.get('x-request-id') ?? '';
      expect(requestId).not.toBe('');

      const page = await ok(listAuditEvents({ client, query: { requestId } }));
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        action: 'create',
        outcome: 'success',
        entityType: 'risk',
        entityId: risk.id,
        actorId: admin.tokens.user.id,
        actorEmail: TEST_ADMIN.email,
        method: 'POST',
        statusCode: 201,
        requestId,
      });
      expect(page.items[0]?.changes).toMatchObject({ inherentScore: { from: null, to: 6 } });

      const history = await ok(
        listAuditEvents({ client, query: { entityType: 'risk', action: 'create', limit: 100 } }),
      );
      expect(history.items.map((event) => event.entityId)).toContain(risk.id);
    });
  });

  describe('typed errors', () => {
    let admin: Session;

    beforeAll(async () => {
      admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    });

    it('should answer a stale If-Match with a 412 typed as ProblemDetails, changing nothing', async () => {
      const { client } = admin;
      const risk = await ok(
        createRisk({
          client,
          body: {
            title: 'Stale write',
            category: 'Concurrency',
            ownerId: admin.tokens.user.id,
            likelihood: 2,
            impact: 2,
          },
        }),
      );
      const task = await ok(createTask({ client, body: { riskId: risk.id, title: 'Original' } }));
      await ok(
        updateTask({
          client,
          path: { id: task.id },
          headers: { 'If-Match': `"${task.version}"` },
          body: { title: 'First writer' },
        }),
      );

      const result = await updateTask({
        client,
        path: { id: task.id },
        headers: { 'If-Match': `"${task.version}"` },
        body: { title: 'Second writer' },
      });
      const stale = await problem(result, 412);
      // The error is typed as the shared ProblemDetails schema, checked by the compiler.
      const typed: [
        Equals<typeof stale, ProblemDetails>,
        Equals<UpdateTaskErrors[412], ProblemDetails>,
      ] = [true, true];
      expect(typed).toEqual([true, true]);
      expect(stale).toMatchObject({
        type: 'urn:problem-type:rct:precondition-failed',
        status: 412,
        instance: `/api/v1/tasks/${task.id}`,
        requestId: result.response.headers.get('x-request-id'),
      });
      expect(stale.detail).toMatch(/version 1.*version 2/);

      expect(await ok(getTask({ client, path: { id: task.id } }))).toMatchObject({
        title: 'First writer',
        version: 2,
      });
    });

    it('should answer a viewer who tries to write with a typed 403, and audit the denial', async () => {
      const email = `viewer-${randomUUID().slice(0, 8)}@rct.test`;
      const password = 'viewer-password-0001';
      const created = await ok(
        createUser({
          client: admin.client,
          body: { email, password, fullName: 'Vera Viewer', role: 'viewer' },
        }),
      );
      expect(created).toMatchObject({ email, role: 'viewer', isActive: true });

      const viewer = await signIn(email, password);
      expect(viewer.tokens.user.role).toBe('viewer');
      // Reading is allowed ...
      await ok(listRisks({ client: viewer.client }));
      // ... writing is not.
      const result = await createRisk({
        client: viewer.client,
        body: {
          title: 'Not allowed',
          category: 'Security',
          ownerId: viewer.tokens.user.id,
          likelihood: 1,
          impact: 1,
        },
      });
      const denied: ProblemDetails = await problem(result, 403);
      expect(denied).toMatchObject({
        type: 'urn:problem-type:rct:forbidden',
        status: 403,
        instance: '/api/v1/risks',
      });

      const events = await ok(
        listAuditEvents({
          client: admin.client,
          query: { actorId: viewer.tokens.user.id, outcome: 'denied' },
        }),
      );
      expect(events.items).toEqual([
        expect.objectContaining({ statusCode: 403, method: 'POST', requestId: denied.requestId }),
      ]);

      // The audit trail itself is for admins only.
      await problem(listAuditEvents({ client: viewer.client }), 403);
    });
  });
});
