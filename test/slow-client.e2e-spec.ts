import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './support/test-app';

const TIMEOUT_MS = 1_500;

interface Stalled {
  /** Everything the server sent before it closed the connection. */
  received: string;
  /** Milliseconds from connecting to the server closing the connection. */
  closedAfterMs: number;
}

/** Opens a raw connection, sends `partial`, then sends nothing more until the server hangs up. */
function stall(port: number, partial: string): Promise<Stalled> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(partial));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - startedAt }));
    socket.on('error', reject);
  });
}

describe('Slow clients', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => t.close());

  function expectTimedOut({ received, closedAfterMs }: Stalled): void {
    const [head, body] = received.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/i);
    expect(head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
    expect(JSON.parse(body)).toMatchObject({
      status: 408,
      type: 'urn:problem-type:rct:request-timeout',
    });
    // Not before the timeout, and not long after it (Node checks every TIMEOUT_MS / 4).
    expect(closedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(closedAfterMs).toBeLessThan(TIMEOUT_MS * 2 + 500);
  }

  it('should answer a body that stalls half-way with 408 and close, serving others meanwhile', async () => {
    const stalled = stall(
      port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 200\r\n\r\n{"email":"admin@rct.test","pass',
    );

    // While that connection hangs, other clients are answered at once.
    const startedAt = Date.now();
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/health/live');
      expect(res.status).toBe(200);
    }
    expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS);

    expectTimedOut(await stalled);
  });

  it('should answer headers that never finish with 408 and close', async () => {
    expectTimedOut(await stall(port, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: '));
  });
});
