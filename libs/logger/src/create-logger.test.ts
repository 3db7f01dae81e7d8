import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines with the part name and level', () => {
    const { lines, destination } = capture();
    createLogger({ name: 'todos', destination }).info({ reqId: 'r1' }, 'hello');
    expect(lines[0]).toMatchObject({ name: 'todos', level: 30, reqId: 'r1', msg: 'hello' });
  });

  it('never writes passwords, tokens or cookies', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'auth', destination });
    logger.info({ password: 'hunter22', body: { refreshToken: 'rt-secret' } }, 'login');
    logger.info({ req: { headers: { authorization: 'Bearer abc.def', cookie: 'session=xyz' } } }, 'req');
    const written = JSON.stringify(lines);
    for (const secret of ['hunter22', 'rt-secret', 'abc.def', 'session=xyz']) {
      expect(written).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ password: '[redacted]', body: { refreshToken: '[redacted]' } });
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'gateway', level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line.msg)).toEqual(['loud']);
  });
});

describe('trace correlation', () => {
  it('adds the active span’s trace id to each line', async () => {
    const { trace, context, ROOT_CONTEXT } = await import('@opentelemetry/api');
    const { lines, destination } = capture();
    const logger = createLogger({ name: 'todos', destination });
    const spanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    };
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    context.with(trace.setSpanContext(ROOT_CONTEXT, spanContext), () => logger.info('inside'));
    logger.info('outside');
    context.disable();
    expect(lines[0]).toMatchObject({ msg: 'inside', traceId: spanContext.traceId });
    expect(lines[1]?.traceId).toBeUndefined();
  });
});
