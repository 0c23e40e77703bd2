import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bearer, loginAdmin, Session } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';

const TIMEOUT_SECONDS = 3;
/** Far more bytes than socket buffers hold, so a client that stops reading stalls the export. */
const RISKS = 10_000;
const DESCRIPTION_CHARS = 4_000;

describe('Export timeout', () => {
  let t: TestApp;
  let admin: Session;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { EXPORT_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) } });
    admin = await loginAdmin(t);
    await t.sql(
      `INSERT INTO risks (title, category, owner_id, likelihood, impact, description)
       SELECT 'Bulk ' || g, 'Bulk', $1, 1 + g % 5, 1 + g % 5, repeat('x', $2)
       FROM generate_series(1, $3) g`,
      [admin.user.id, DESCRIPTION_CHARS, RISKS],
    );
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => t.close());

  /**
   * Other connections to this database that are not idle: an export's snapshot shows as active
   * (its cursor's portal is open) or idle in transaction, until it is released.
   */
  async function snapshotsHeld(): Promise<number> {
    const [row] = await t.sql<{ held: number }>(
      `SELECT count(*)::int AS held FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
    );
    return row.held;
  }

  async function until(condition: () => Promise<boolean>, limitMs: number): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      if (await condition()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return condition();
  }

  /** Sends the request, waits for the response head, then stops reading. */
  function stalledExport(): Promise<{ socket: Socket; head: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(
          'GET /api/v1/risks/export?format=csv HTTP/1.1\r\nHost: localhost\r\n' +
            `${bearer(admin).join(': ')}\r\n\r\n`,
        ),
      );
      let received = '';
      const onData = (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const end = received.indexOf('\r\n\r\n');
        if (end >= 0) {
          socket.off('data', onData);
          socket.pause();
          resolve({ socket, head: received.slice(0, end) });
        }
      };
      socket.on('data', onData);
      socket.on('error', reject);
    });
  }

  it('should release the snapshot and its pooled connection once a stalled reader times out', async () => {
    const { socket, head } = await stalledExport();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(await snapshotsHeld()).toBe(1);

    // The client reads nothing more; the export's timeout, not the client, ends the snapshot.
    expect(
      await until(async () => (await snapshotsHeld()) === 0, TIMEOUT_SECONDS * 1000 + 10_000),
    ).toBe(true);

    // The response was cut short: the client that resumes reading gets less than the export.
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.resume();
    await new Promise((resolve) => socket.once('close', resolve));
    expect(bytes).toBeLessThan(RISKS * DESCRIPTION_CHARS);

    // The pool is whole again: a request needing a connection is answered at once.
    const risks = await t.http.get('/api/v1/risks?limit=1').set(...bearer(admin));
    expect(risks.status).toBe(200);

    // And the export is audited as cut short, with the rows it had sent.
    let event: Record<string, unknown> | undefined;
    await until(async () => {
      const res = await t.http
        .get('/api/v1/audit-events?action=export&entityType=risk')
        .set(...bearer(admin));
      event = (res.body.items as Record<string, unknown>[])[0];
      return event !== undefined;
    }, 5_000);
    expect(event).toMatchObject({ action: 'export', outcome: 'failed' });
    const changes = event?.changes as Record<string, { to: unknown }>;
    expect(changes.timedOut.to).toBe(true);
    expect(changes.rows.to).toBeLessThan(RISKS);
  });

  it('should free the connection at once, not at the timeout, when the client goes away', async () => {
    const { socket, head } = await stalledExport();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(await snapshotsHeld()).toBe(1);
    const goneAt = Date.now();
    socket.destroy();

    // Neither a backend still sending COPY data nor a connection back in the pool mid-COPY.
    expect(await until(async () => (await snapshotsHeld()) === 0, TIMEOUT_SECONDS * 1000)).toBe(
      true,
    );
    expect(Date.now() - goneAt).toBeLessThan(TIMEOUT_SECONDS * 1000);

    // Every pooled connection is usable: more requests than the pool holds, all at once.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        index % 3 === 0
          ? t.http.get('/api/v1/risks/export?category=none-such').set(...bearer(admin))
          : t.http.get('/api/v1/risks?limit=1').set(...bearer(admin)),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
    // (Each export's audit event is written once it has been sent, just after its answer.)
    expect(await until(async () => (await snapshotsHeld()) === 0, 5_000)).toBe(true);
  });
});
