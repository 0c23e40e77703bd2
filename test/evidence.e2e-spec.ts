import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { bearer, createUserAndLogin, loginAdmin, Session } from './support/auth-helpers';
import { auditEventsOf, createControl, createRisk } from './support/domain-helpers';
import { createTestApp, TestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
/** Small, so the 413 path is cheap to reach; files at exactly the cap must still pass. */
const MAX_FILE_BYTES = 4096;
const DAY = 86_400_000;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** supertest collects a download's bytes into a Buffer with this parser. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

interface Evidence {
  id: string;
  controlId: string;
  title: string;
  reviewStatus: string;
  reviewedById: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  submittedById: string;
  expired: boolean;
  file: { name: string; size: number; contentType: string; sha256: string } | null;
  version: number;
}

describe('evidence', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let analyst: Session;
  let otherAnalyst: Session;
  let viewer: Session;
  let controlId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { EVIDENCE_MAX_FILE_BYTES: String(MAX_FILE_BYTES) } });
    admin = await loginAdmin(t);
    [manager, analyst, otherAnalyst, viewer] = await Promise.all([
      createUserAndLogin(t, admin, 'manager'),
      createUserAndLogin(t, admin, 'analyst'),
      createUserAndLogin(t, admin, 'analyst'),
      createUserAndLogin(t, admin, 'viewer'),
    ]);
    controlId = (await newControl()).id;
  });

  afterAll(() => t.close());

  const as = (session: Session) => ({
    post: (url: string) => t.http.post(url).set(...bearer(session)),
    get: (url: string) => t.http.get(url).set(...bearer(session)),
    put: (url: string) => t.http.put(url).set(...bearer(session)),
    patch: (url: string) => t.http.patch(url).set(...bearer(session)),
    delete: (url: string) => t.http.delete(url).set(...bearer(session)),
  });

  async function newControl(): Promise<{ id: string }> {
    const risk = await createRisk(t, admin);
    return createControl(t, admin, risk.id);
  }

  function evidenceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      controlId,
      title: `Access review ${randomUUID().slice(0, 8)}`,
      kind: 'link',
      url: 'https://wiki.example.com/access-review',
      collectedAt: new Date(Date.now() - 10 * DAY).toISOString(),
      ...overrides,
    };
  }

  async function createEvidence(
    session: Session = admin,
    overrides: Record<string, unknown> = {},
  ): Promise<Evidence> {
    const res = await as(session).post('/api/v1/evidence').send(evidenceBody(overrides));
    if (res.status !== 201) throw new Error(`create evidence failed: ${res.status} ${res.text}`);
    return res.body as Evidence;
  }

  function upload(
    session: Session,
    id: string,
    bytes: Buffer,
    filename = 'evidence.txt',
    contentType = 'text/plain',
  ) {
    return as(session)
      .put(`/api/v1/evidence/${id}/file`)
      .attach('file', bytes, { filename, contentType });
  }

  const download = (session: Session, id: string) =>
    as(session).get(`/api/v1/evidence/${id}/file`).buffer(true).parse(binary);

  const review = (session: Session, id: string, decision: string, comment?: string) =>
    as(session).post(`/api/v1/evidence/${id}/review`).send({ decision, comment });

  async function onlyEventOf(res: { headers: Record<string, string> }) {
    const events = await auditEventsOf(t, admin, res);
    expect(events).toHaveLength(1);
    return events[0] as {
      action: string;
      outcome: string;
      entityType: string;
      entityId: string;
      statusCode: number;
      actorId: string;
      changes: Record<string, { from: unknown; to: unknown }>;
    };
  }

  function expectProblem(res: Response, status: number, field?: string): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status, requestId: res.headers['x-request-id'] });
    if (field) {
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  }

  describe('create and read', () => {
    it('should create URL evidence pending review, store it and audit it', async () => {
      const body = evidenceBody({ title: '  Firewall rule export  ', kind: 'log' });
      const res = await as(analyst).post('/api/v1/evidence').send(body);
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        controlId,
        title: 'Firewall rule export',
        description: '',
        kind: 'log',
        url: body.url,
        collectedAt: body.collectedAt,
        validUntil: null,
        expired: false,
        reviewStatus: 'pending_review',
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
        submittedById: analyst.user.id,
        file: null,
        version: 1,
      });
      const [row] = await t.sql(
        'SELECT control_id, title, url, submitted_by_id, review_status FROM evidence WHERE id = $1',
        [res.body.id],
      );
      expect(row).toEqual({
        control_id: controlId,
        title: 'Firewall rule export',
        url: body.url,
        submitted_by_id: analyst.user.id,
        review_status: 'pending_review',
      });
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({
        action: 'create',
        outcome: 'success',
        entityType: 'evidence',
        entityId: res.body.id,
        actorId: analyst.user.id,
      });
      expect(event.changes).toMatchObject({
        title: { from: null, to: 'Firewall rule export' },
        controlId: { from: null, to: controlId },
        reviewStatus: { from: null, to: 'pending_review' },
      });
    });

    it('should read one and answer 404 for an unknown id and 400 for a malformed one', async () => {
      const evidence = await createEvidence();
      const res = await as(viewer).get(`/api/v1/evidence/${evidence.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.id).toBe(evidence.id);
      expectProblem(await as(viewer).get(`/api/v1/evidence/${randomUUID()}`), 404);
      expectProblem(await as(viewer).get('/api/v1/evidence/not-a-uuid'), 400);
      expectProblem(await as(admin).patch('/api/v1/evidence/123').send({ title: 'x' }), 400);
    });

    it('should answer 422 naming controlId for a control that does not exist', async () => {
      const res = await as(admin)
        .post('/api/v1/evidence')
        .send(evidenceBody({ controlId: randomUUID() }));
      expectProblem(res, 422, 'controlId');
      expect(await auditEventsOf(t, admin, res)).toEqual([
        expect.objectContaining({ outcome: 'failed', statusCode: 422 }),
      ]);
    });

    it.each([
      ['url', { url: 'javascript:alert(1)' }],
      ['url', { url: 'data:text/html,<script>alert(1)</script>' }],
      ['url', { url: 'file:///etc/passwd' }],
      ['url', { url: 'ftp://files.example.com/x' }],
      ['url', { url: 'https://user:secret@example.com/' }],
      ['title', { title: '' }],
      ['title', { title: 'x'.repeat(201) }],
      ['kind', { kind: 'video' }],
      ['kind', { kind: undefined }],
      ['collectedAt', { collectedAt: 'yesterday' }],
      ['collectedAt', { collectedAt: null }],
      ['controlId', { controlId: 'not-a-uuid' }],
      ['description', { description: null }],
      ['validUntil', { validUntil: new Date(Date.now() - 20 * DAY).toISOString() }],
      ['reviewStatus', { reviewStatus: 'approved' }],
      ['submittedById', { submittedById: randomUUID() }],
      ['file', { file: { name: 'x' } }],
    ])('should reject a bad or unknown %s naming it', async (field, overrides) => {
      const res = await as(admin).post('/api/v1/evidence').send(evidenceBody(overrides));
      expectProblem(res, 400, field);
    });

    it('should let a viewer read but not create', async () => {
      expect((await as(viewer).get('/api/v1/evidence')).status).toBe(200);
      const res = await as(viewer).post('/api/v1/evidence').send(evidenceBody());
      expectProblem(res, 403);
      expect(await auditEventsOf(t, admin, res)).toEqual([
        expect.objectContaining({ outcome: 'denied', statusCode: 403 }),
      ]);
    });
  });

  describe('list', () => {
    it('should compute expired and filter on it in SQL', async () => {
      const control = await newControl();
      const long = new Date(Date.now() - 30 * DAY).toISOString();
      const lapsed = await createEvidence(admin, {
        controlId: control.id,
        collectedAt: long,
        validUntil: new Date(Date.now() - DAY).toISOString(),
      });
      const current = await createEvidence(admin, {
        controlId: control.id,
        collectedAt: long,
        validUntil: new Date(Date.now() + DAY).toISOString(),
      });
      const open = await createEvidence(admin, { controlId: control.id });
      expect([lapsed.expired, current.expired, open.expired]).toEqual([true, false, false]);

      const ids = async (query: string) => {
        const res = await as(viewer).get(`/api/v1/evidence?controlId=${control.id}&${query}`);
        expect(res.status).toBe(200);
        return (res.body.items as Evidence[]).map((item) => item.id);
      };
      expect(await ids('expired=true')).toEqual([lapsed.id]);
      expect((await ids('expired=false')).sort()).toEqual([current.id, open.id].sort());
      expect(await ids('sort=validUntil&limit=2')).toEqual([open.id, lapsed.id]);
      const page = await as(viewer).get(`/api/v1/evidence?controlId=${control.id}&limit=2`);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    });

    it('should filter by review status, kind and text', async () => {
      const control = await newControl();
      const tag = `zq${randomUUID().slice(0, 6)}`;
      const doc = await createEvidence(admin, {
        controlId: control.id,
        kind: 'document',
        title: `Policy ${tag}`,
      });
      const screenshot = await createEvidence(admin, {
        controlId: control.id,
        kind: 'screenshot',
        description: `console ${tag}`,
      });
      await review(manager, screenshot.id, 'approved').expect(200);
      const ids = async (query: string) =>
        (
          (await as(viewer).get(`/api/v1/evidence?controlId=${control.id}&${query}`)).body
            .items as Evidence[]
        ).map((item) => item.id);
      expect(await ids('reviewStatus=approved')).toEqual([screenshot.id]);
      expect(await ids('kind=document')).toEqual([doc.id]);
      expect((await ids(`q=${tag}`)).sort()).toEqual([doc.id, screenshot.id].sort());
      expect(await ids(`q=${encodeURIComponent(`policy ${tag}`)}`)).toEqual([doc.id]);
    });

    it.each([
      ['expired', 'expired=maybe'],
      ['reviewStatus', 'reviewStatus=done'],
      ['sort', 'sort=fileSha256'],
      ['controlId', 'controlId=nope'],
      ['limit', 'limit=101'],
    ])('should reject a bad %s query naming it', async (field, query) => {
      expectProblem(await as(viewer).get(`/api/v1/evidence?${query}`), 400, field);
    });
  });

  describe('update and delete', () => {
    it('should change only the sent fields, honour If-Match and audit the diff', async () => {
      const evidence = await createEvidence();
      const res = await as(manager)
        .patch(`/api/v1/evidence/${evidence.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'Renamed', url: null });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ title: 'Renamed', url: null, kind: 'link', version: 2 });
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({ action: 'update', entityId: evidence.id });
      expect(event.changes).toEqual({
        title: { from: evidence.title, to: 'Renamed' },
        url: { from: 'https://wiki.example.com/access-review', to: null },
      });

      const stale = await as(manager)
        .patch(`/api/v1/evidence/${evidence.id}`)
        .set('If-Match', '"1"')
        .send({ title: 'Lost update' });
      expectProblem(stale, 412);
      const staleDelete = await as(manager)
        .delete(`/api/v1/evidence/${evidence.id}`)
        .set('If-Match', '"1"');
      expectProblem(staleDelete, 412);
      const [row] = await t.sql('SELECT title, version FROM evidence WHERE id = $1', [evidence.id]);
      expect(row).toEqual({ title: 'Renamed', version: 2 });
    });

    it.each([
      ['controlId', { controlId: randomUUID() }],
      ['reviewStatus', { reviewStatus: 'approved' }],
      ['reviewedById', { reviewedById: randomUUID() }],
      ['title', { title: null }],
      ['kind', { kind: null }],
      ['collectedAt', { collectedAt: null }],
      ['validUntil', { validUntil: '2000-01-01T00:00:00.000Z' }],
    ])('should refuse to patch %s', async (field, patch) => {
      const evidence = await createEvidence();
      const res = await as(admin).patch(`/api/v1/evidence/${evidence.id}`).send(patch);
      expectProblem(res, 400, field);
    });

    it('should let an analyst change their own pending evidence and nothing else', async () => {
      const own = await createEvidence(analyst);
      const ok = await as(analyst)
        .patch(`/api/v1/evidence/${own.id}`)
        .send({ description: 'Exported from the firewall' });
      expect(ok.status).toBe(200);
      expect(ok.body.description).toBe('Exported from the firewall');

      const theirs = await createEvidence(otherAnalyst);
      expectProblem(
        await as(analyst).patch(`/api/v1/evidence/${theirs.id}`).send({ title: 'Mine now' }),
        403,
      );
      expectProblem(await as(analyst).delete(`/api/v1/evidence/${theirs.id}`), 403);
      expectProblem(await upload(analyst, theirs.id, Buffer.from('x')), 403);

      await review(manager, own.id, 'approved').expect(200);
      const afterReview = await as(analyst)
        .patch(`/api/v1/evidence/${own.id}`)
        .send({ title: 'Quietly changed' });
      expectProblem(afterReview, 403);
      expect(afterReview.body.detail).toMatch(/pending review/);
      expectProblem(await upload(analyst, own.id, Buffer.from('new bytes')), 403);
      expectProblem(await as(analyst).delete(`/api/v1/evidence/${own.id}`), 403);
      const [row] = await t.sql('SELECT title, review_status FROM evidence WHERE id = $1', [
        own.id,
      ]);
      expect(row).toEqual({ title: own.title, review_status: 'approved' });

      expectProblem(
        await as(viewer).patch(`/api/v1/evidence/${own.id}`).send({ title: 'Viewer' }),
        403,
      );
    });

    it('should delete evidence with its file, audited, and let an analyst delete their own', async () => {
      const evidence = await createEvidence(analyst);
      await upload(analyst, evidence.id, Buffer.from('log lines')).expect(200);
      const res = await as(analyst)
        .delete(`/api/v1/evidence/${evidence.id}`)
        .set('If-Match', '"2"');
      expect(res.status).toBe(204);
      expect(await t.sql('SELECT 1 FROM evidence WHERE id = $1', [evidence.id])).toEqual([]);
      expect(
        await t.sql('SELECT 1 FROM evidence_files WHERE evidence_id = $1', [evidence.id]),
      ).toEqual([]);
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({ action: 'delete', entityId: evidence.id, statusCode: 204 });
      expect(event.changes.title).toEqual({ from: evidence.title, to: null });
      expectProblem(await as(admin).get(`/api/v1/evidence/${evidence.id}`), 404);
    });

    it('should refuse to delete a control that still has evidence', async () => {
      const control = await newControl();
      await createEvidence(admin, { controlId: control.id });
      const res = await as(admin).delete(`/api/v1/controls/${control.id}`);
      expectProblem(res, 409);
      expect(await t.sql('SELECT 1 FROM controls WHERE id = $1', [control.id])).toHaveLength(1);
    });
  });

  describe('files', () => {
    it('should upload, record the sha256, audit it, and download the very same bytes', async () => {
      const evidence = await createEvidence(analyst, { kind: 'document', url: null });
      const bytes = randomBytes(3000);
      const res = await upload(analyst, evidence.id, bytes, 'report.pdf', 'application/pdf');
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"2"');
      const file = { name: 'report.pdf', size: 3000, contentType: 'application/pdf' };
      expect(res.body).toMatchObject({ file: { ...file, sha256: sha256(bytes) }, version: 2 });

      const [row] = await t.sql(
        `SELECT e.file_name, e.file_sha256, encode(sha256(f.content), 'hex') AS stored_sha256,
                length(f.content) AS stored_size
           FROM evidence e JOIN evidence_files f ON f.evidence_id = e.id WHERE e.id = $1`,
        [evidence.id],
      );
      expect(row).toEqual({
        file_name: 'report.pdf',
        file_sha256: sha256(bytes),
        stored_sha256: sha256(bytes),
        stored_size: 3000,
      });

      const event = await onlyEventOf(res);
      expect(event).toMatchObject({
        action: 'upload',
        outcome: 'success',
        entityType: 'evidence',
        entityId: evidence.id,
        statusCode: 200,
      });
      expect(event.changes).toEqual({
        file: { from: null, to: { ...file, sha256: sha256(bytes) } },
      });

      const got = await download(viewer, evidence.id);
      expect(got.status).toBe(200);
      expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
      expect(sha256(got.body as Buffer)).toBe(res.body.file.sha256);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-length']).toBe('3000');
      expect(got.headers['content-disposition']).toBe('attachment; filename="report.pdf"');
      expect(got.headers['x-content-type-options']).toBe('nosniff');

      const listed = await as(viewer).get(`/api/v1/evidence?controlId=${controlId}&limit=100`);
      const item = (listed.body.items as Evidence[]).find((entry) => entry.id === evidence.id);
      expect(item?.file).toEqual(res.body.file);
    });

    it('should hold no connection in a transaction while a slow client sends the file', async () => {
      const evidence = await createEvidence();
      const bytes = randomBytes(MAX_FILE_BYTES);
      const boundary = `rct-${randomUUID()}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\n` +
            `Content-Type: text/plain\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      const idleInTransaction = async () =>
        (
          await t.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND state = 'idle in transaction'`,
          )
        )[0].n;

      const sending = httpRequest({
        port,
        host: '127.0.0.1',
        method: 'PUT',
        path: `/api/v1/evidence/${evidence.id}/file`,
        headers: {
          authorization: `Bearer ${admin.accessToken}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      });
      const answered = new Promise<{ status?: number; text: string }>((resolve, reject) => {
        sending.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode, text }));
        });
        sending.on('error', reject);
      });
      try {
        sending.write(body.subarray(0, body.length / 2));
        // The request has been checked and is waiting for the rest of its body.
        await new Promise((done) => setTimeout(done, 500));
        expect(await idleInTransaction()).toBe(0);
      } catch (error) {
        // Else the app would wait for the rest of the body, and closing it with it.
        answered.catch(() => undefined);
        sending.destroy();
        throw error;
      }

      sending.end(body.subarray(body.length / 2));
      const res = await answered;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).file).toMatchObject({ name: 'slow.txt', sha256: sha256(bytes) });
    });

    it('should accept a file of exactly the cap and make a hostile name safe', async () => {
      const evidence = await createEvidence();
      const bytes = randomBytes(MAX_FILE_BYTES);
      // Written by hand: HTTP clients escape file names, hostile ones do not.
      const boundary = `rct-${randomUUID()}`;
      const head =
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
        `filename="../../Pr\u00fcf\u202ebericht<1>.html"\r\n` +
        `Content-Type: Text/HTML; charset=utf-8\r\n\r\n`;
      const res = await as(admin)
        .put(`/api/v1/evidence/${evidence.id}/file`)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(
          Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
        );
      expect(res.status).toBe(200);
      expect(res.body.file).toEqual({
        name: 'Pr\u00fcfbericht_1_.html',
        size: MAX_FILE_BYTES,
        contentType: 'text/html',
        sha256: sha256(bytes),
      });
      const got = await download(admin, evidence.id);
      expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
      expect(got.headers['content-type']).toBe('text/html');
      expect(got.headers['content-disposition']).toBe(
        `attachment; filename="Pr_fbericht_1_.html"; filename*=UTF-8''Pr%C3%BCfbericht_1_.html`,
      );
      expect(got.headers['x-content-type-options']).toBe('nosniff');
    });

    it('should refuse a file over the cap with 413, storing nothing and keeping the review', async () => {
      const evidence = await createEvidence();
      await review(manager, evidence.id, 'approved', 'Looks right').expect(200);
      const res = await upload(admin, evidence.id, randomBytes(MAX_FILE_BYTES + 1));
      expectProblem(res, 413, 'file');
      expect(res.body.type).toBe('urn:problem-type:rct:evidence-file-too-large');
      expect(
        await t.sql('SELECT 1 FROM evidence_files WHERE evidence_id = $1', [evidence.id]),
      ).toEqual([]);
      const [row] = await t.sql(
        'SELECT review_status, review_comment, file_sha256, version FROM evidence WHERE id = $1',
        [evidence.id],
      );
      expect(row).toEqual({
        review_status: 'approved',
        review_comment: 'Looks right',
        file_sha256: null,
        version: 2,
      });
      expect(await auditEventsOf(t, admin, res)).toEqual([
        expect.objectContaining({ outcome: 'failed', statusCode: 413 }),
      ]);
    });

    it('should refuse to serve bytes that no longer match their sha256', async () => {
      const evidence = await createEvidence();
      await upload(admin, evidence.id, Buffer.from('original evidence')).expect(200);
      await t.sql(`UPDATE evidence_files SET content = 'tampered'::bytea WHERE evidence_id = $1`, [
        evidence.id,
      ]);
      const res = await as(admin).get(`/api/v1/evidence/${evidence.id}/file`);
      expectProblem(res, 500);
      expect(res.body).toMatchObject({
        type: 'urn:problem-type:rct:evidence-file-corrupted',
        title: 'The stored file is corrupted',
      });
      expect(res.body.detail).toMatch(/sha256/);
      expect(res.text).not.toContain('tampered');
      expect(res.headers['content-disposition']).toBeUndefined();
    });

    it('should answer 404 for the file of evidence without one', async () => {
      const evidence = await createEvidence();
      expectProblem(await as(admin).get(`/api/v1/evidence/${evidence.id}/file`), 404);
      expectProblem(await as(admin).get(`/api/v1/evidence/${randomUUID()}/file`), 404);
      expectProblem(await upload(admin, randomUUID(), Buffer.from('x')), 404);
    });

    it('should answer a body that is not multipart with a problem, never a 500', async () => {
      const evidence = await createEvidence();
      const json = await as(admin)
        .put(`/api/v1/evidence/${evidence.id}/file`)
        .send({ file: 'aGVsbG8=' });
      expectProblem(json, 415);
      const octets = await as(admin)
        .put(`/api/v1/evidence/${evidence.id}/file`)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from('raw bytes'));
      expectProblem(octets, 415);
      const empty = await as(admin).put(`/api/v1/evidence/${evidence.id}/file`);
      expect([400, 415]).toContain(empty.status);
      expect(empty.headers['content-type']).toMatch(PROBLEM);
    });

    it('should answer a multipart body without a proper file part with 400 naming file', async () => {
      const evidence = await createEvidence();
      const url = `/api/v1/evidence/${evidence.id}/file`;
      expectProblem(await as(admin).put(url).field('note', 'no file here'), 400, 'file');
      expectProblem(
        await as(admin).put(url).attach('document', Buffer.from('x'), 'x.txt'),
        400,
        'file',
      );
      expectProblem(
        await as(admin).put(url).attach('file', Buffer.alloc(0), 'empty.txt'),
        400,
        'file',
      );
      expectProblem(
        await as(admin)
          .put(url)
          .attach('file', Buffer.from('one'), 'one.txt')
          .attach('file', Buffer.from('two'), 'two.txt'),
        400,
        'file',
      );
      const malformed = await as(admin)
        .put(url)
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nab');
      expectProblem(malformed, 400, 'file');
      const [row] = await t.sql('SELECT file_sha256, version FROM evidence WHERE id = $1', [
        evidence.id,
      ]);
      expect(row).toEqual({ file_sha256: null, version: 1 });
    });

    it('should ignore other form fields beside the file', async () => {
      const evidence = await createEvidence();
      const res = await as(admin)
        .put(`/api/v1/evidence/${evidence.id}/file`)
        .field('note', 'scanned copy')
        .attach('file', Buffer.from('scan'), { filename: 'scan.png', contentType: 'image/png' });
      expect(res.status).toBe(200);
      expect(res.body.file).toMatchObject({ name: 'scan.png', contentType: 'image/png', size: 4 });
    });

    it('should honour If-Match on upload', async () => {
      const evidence = await createEvidence();
      const res = await upload(admin, evidence.id, Buffer.from('x')).set('If-Match', '"7"');
      expectProblem(res, 412);
    });
  });

  describe('review', () => {
    it('should record the verdict, audit it, and send it back to pending on a new upload', async () => {
      const evidence = await createEvidence(analyst);
      await upload(analyst, evidence.id, Buffer.from('first')).expect(200);
      const res = await review(manager, evidence.id, 'rejected', '  Screenshot is cropped ');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        reviewStatus: 'rejected',
        reviewedById: manager.user.id,
        reviewComment: 'Screenshot is cropped',
        version: 3,
      });
      expect(Date.parse(res.body.reviewedAt)).toBeGreaterThan(Date.now() - 60_000);
      const [row] = await t.sql(
        'SELECT review_status, reviewed_by_id, review_comment FROM evidence WHERE id = $1',
        [evidence.id],
      );
      expect(row).toEqual({
        review_status: 'rejected',
        reviewed_by_id: manager.user.id,
        review_comment: 'Screenshot is cropped',
      });
      const event = await onlyEventOf(res);
      expect(event).toMatchObject({ action: 'review', entityId: evidence.id, statusCode: 200 });
      expect(event.changes).toMatchObject({
        reviewStatus: { from: 'pending_review', to: 'rejected' },
        reviewedById: { from: null, to: manager.user.id },
        reviewComment: { from: null, to: 'Screenshot is cropped' },
      });

      // Rejected is not pending: the analyst cannot replace the file; a manager can.
      expectProblem(await upload(analyst, evidence.id, Buffer.from('second')), 403);
      const again = await upload(manager, evidence.id, Buffer.from('second'));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        reviewStatus: 'pending_review',
        reviewedById: null,
        reviewedAt: null,
        reviewComment: null,
        file: { sha256: sha256(Buffer.from('second')) },
      });
      const uploadEvent = await onlyEventOf(again);
      expect(uploadEvent.action).toBe('upload');
      expect(uploadEvent.changes.reviewStatus).toEqual({ from: 'rejected', to: 'pending_review' });
      expect(
        Buffer.compare((await download(admin, evidence.id)).body as Buffer, Buffer.from('second')),
      ).toBe(0);
    });

    it('should let only admins and managers review, with a valid decision', async () => {
      const evidence = await createEvidence(analyst);
      expectProblem(await review(analyst, evidence.id, 'approved'), 403);
      expectProblem(await review(viewer, evidence.id, 'approved'), 403);
      expectProblem(await review(admin, evidence.id, 'pending_review'), 400, 'decision');
      expectProblem(await review(admin, randomUUID(), 'approved'), 404);
      const ok = await review(admin, evidence.id, 'approved');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ reviewStatus: 'approved', reviewComment: null });
    });
  });
});
