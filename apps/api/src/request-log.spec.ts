import Fastify, { FastifyInstance } from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { registerRequestLog } from './request-log';

type Line = Record<string, unknown> & { msg: string; level: number };

function appLoggingAt(level: string): { app: FastifyInstance; lines: Line[] } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      callback();
    },
  });
  const app = Fastify({ genReqId: () => 'req-1' });
  registerRequestLog(app, pino({ level }, sink));
  app.get('/things', () => ({ ok: true }));
  app.get('/broken', async (_request, reply) => reply.code(503).send({ down: true }));
  app.get('/health/ready', () => ({ status: 'ok' }));
  return { app, lines };
}

describe(registerRequestLog.name, () => {
  it('should write one line per request naming the request and its outcome', async () => {
    const { app, lines } = appLoggingAt('info');
    await app.inject({
      method: 'GET',
      url: '/things?page=2',
      headers: { authorization: 'Bearer secret-token', 'user-agent': 'spec' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      requestId: 'req-1',
      req: { id: 'req-1', method: 'GET', url: '/things?page=2', userAgent: 'spec' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('should log a 5xx at error even when info is off, and nothing for a 2xx', async () => {
    const { app, lines } = appLoggingAt('warn');
    await app.inject({ method: 'GET', url: '/things' });
    await app.inject({ method: 'GET', url: '/broken' });
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'request errored', res: { statusCode: 503 } }),
    ]);
  });

  it('should leave health probes out', async () => {
    const { app, lines } = appLoggingAt('info');
    await app.inject({ method: 'GET', url: '/health/ready' });
    expect(lines).toEqual([]);
  });
});
