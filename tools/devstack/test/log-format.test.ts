import { describe, expect, it } from 'vitest';
import { createLineSplitter, createPrefixer, formatLine, wantsColour } from '../src/log-format.ts';

describe('formatLine', () => {
  it('prints a pino line as level, message and request id', () => {
    const line = JSON.stringify({
      level: 30,
      time: 1,
      pid: 7,
      hostname: 'h',
      reqId: 'req-1',
      msg: 'incoming request',
    });
    expect(formatLine(line)).toBe('INFO  incoming request  [req-1]');
  });

  it('shows method, URL, status and response time of request logs', () => {
    const line = JSON.stringify({
      level: 30,
      reqId: 'req-2',
      req: { method: 'GET', url: '/readyz' },
      res: { statusCode: 200 },
      responseTime: 1.7,
      msg: 'request completed',
    });
    expect(formatLine(line)).toBe('INFO  request completed  GET /readyz 200 2ms [req-2]');
  });

  it('shows the stack of a logged error under the message', () => {
    const line = JSON.stringify({
      level: 50,
      msg: 'boom',
      err: { type: 'Error', message: 'bad', stack: 'Error: bad\n    at x' },
    });
    expect(formatLine(line)).toBe('ERROR boom\nError: bad\n    at x');
  });

  it('leaves plain text and JSON that is not a log record unchanged', () => {
    expect(formatLine('vite v8 building for production...')).toBe('vite v8 building for production...');
    expect(formatLine('{"not":"a log"}')).toBe('{"not":"a log"}');
    expect(formatLine('{"level": broken')).toBe('{"level": broken');
  });
});

describe('createPrefixer', () => {
  it('pads part names so the separators line up, and prefixes every line of a multi-line entry', () => {
    const prefix = createPrefixer(['devstack', 'auth', 'gateway'], false);
    expect(prefix('auth', 'hello')).toBe('auth     │ hello');
    expect(prefix('gateway', 'hi')).toBe('gateway  │ hi');
    const error = JSON.stringify({ level: 50, msg: 'boom', err: { stack: 'Error: x\n    at y' } });
    expect(prefix('auth', error).split('\n')).toEqual([
      'auth     │ ERROR boom',
      'auth     │ Error: x',
      'auth     │     at y',
    ]);
  });

  it('colours the part name only when asked to', () => {
    expect(createPrefixer(['auth'], true)('auth', 'x')).toContain('\u001b[');
    expect(createPrefixer(['auth'], false)('auth', 'x')).not.toContain('\u001b[');
  });
});

describe('wantsColour', () => {
  it('follows FORCE_COLOR, then NO_COLOR, then the terminal', () => {
    expect(wantsColour({}, true)).toBe(true);
    expect(wantsColour({}, false)).toBe(false);
    expect(wantsColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColour({ FORCE_COLOR: '0' }, false)).toBe(false);
  });
});

describe('createLineSplitter', () => {
  it('joins lines split across chunks and flushes the unfinished last one', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push('first li');
    splitter.push('ne\r\nsecond\nthi');
    expect(lines).toEqual(['first line', 'second']);
    splitter.flush();
    expect(lines).toEqual(['first line', 'second', 'thi']);
  });
});
