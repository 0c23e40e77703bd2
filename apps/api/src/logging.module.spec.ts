import { CLS_ID, ClsService } from 'nestjs-cls';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { createRootLogger } from './logging.module';

function captured(): { sink: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { sink, lines };
}

describe(createRootLogger.name, () => {
  const cls = new ClsService(new AsyncLocalStorage());

  it("should name the request a line is written in, from the request's context", () => {
    const { sink, lines } = captured();
    const logger = createRootLogger('info', cls, sink);
    cls.run(() => {
      cls.set(CLS_ID, 'req-42');
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-42' });
    expect(lines[1]).toEqual(expect.not.objectContaining({ requestId: expect.anything() }));
  });

  it("should keep a line's own requestId over the context's", () => {
    const { sink, lines } = captured();
    const logger = createRootLogger('info', cls, sink);
    cls.run(() => {
      cls.set(CLS_ID, 'context-id');
      logger.info({ requestId: 'explicit-id' }, 'line');
    });
    expect(lines[0].requestId).toBe('explicit-id');
  });

  it('should redact secrets wherever they sit one level down', () => {
    const { sink, lines } = captured();
    createRootLogger('info', cls, sink).info({ body: { password: 'hunter2', email: 'a@b.c' } });
    expect(lines[0].body).toEqual({ password: '[REDACTED]', email: 'a@b.c' });
  });
});
