import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postWebhook } from './webhook-sender';

describe(postWebhook.name, () => {
  let server: Server;
  let port: number;
  let seen: { host?: string; body: string; headers: IncomingMessage['headers'] }[];
  let answer: (response: import('node:http').ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ host: request.headers.host, body, headers: request.headers });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    seen = [];
    answer = (response) => response.writeHead(204).end();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const loopback = { address: '127.0.0.1', family: 4 as const };

  it('should connect to the pinned address whatever the host name resolves to', async () => {
    // This name resolves nowhere: only the pinned address can have been used.
    const result = await postWebhook(
      `http://hooks.invalid:${port}/x`,
      loopback,
      { 'webhook-id': 'msg_1' },
      '{"a":1}',
      2_000,
    );
    expect(result).toMatchObject({ responseStatus: 204, error: null });
    expect(seen).toEqual([
      expect.objectContaining({ host: `hooks.invalid:${port}`, body: '{"a":1}' }),
    ]);
    expect(seen[0].headers).toMatchObject({
      'webhook-id': 'msg_1',
      'content-type': 'application/json',
    });
  });

  it('should not follow a redirect', async () => {
    answer = (response) =>
      response.writeHead(302, { location: `http://127.0.0.1:${port}/y` }).end();
    const result = await postWebhook(`http://127.0.0.1:${port}/x`, loopback, {}, '{}', 2_000);
    expect(result).toMatchObject({
      responseStatus: 302,
      error: 'redirect (HTTP 302) not followed',
    });
    expect(seen).toHaveLength(1);
  });

  it('should fail a non-2xx answer and one that comes too late', async () => {
    answer = (response) => response.writeHead(500).end();
    expect(
      await postWebhook(`http://127.0.0.1:${port}/x`, loopback, {}, '{}', 2_000),
    ).toMatchObject({ responseStatus: 500, error: 'HTTP 500' });
    answer = (response) => setTimeout(() => response.writeHead(200).end(), 500);
    const late = await postWebhook(`http://127.0.0.1:${port}/x`, loopback, {}, '{}', 100);
    expect(late).toMatchObject({ responseStatus: null, error: 'no answer within 100 ms' });
  });

  it('should report a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await postWebhook(`http://127.0.0.1:${free}/x`, loopback, {}, '{}', 2_000);
    expect(result.responseStatus).toBeNull();
    expect(result.error).toMatch(/ECONNREFUSED/);
  });
});
