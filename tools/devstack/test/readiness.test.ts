import { findFreePort } from '@todo-bus/localinfra';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnChild, type Child } from '../src/processes.ts';
import { waitForReady } from '../src/readiness.ts';

const started: Child[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((child) => child.stop(1_000)));
});

/** A fake part: a node process that logs a line and answers /readyz with `status`. */
async function fakePart(status: number, script?: string) {
  const port = await findFreePort();
  const server = `
    console.log(JSON.stringify({ level: 30, msg: 'listening on ${port}' }));
    require('node:http').createServer((req, res) => { res.statusCode = ${status}; res.end('{"status":"error","checks":{"nats":"timeout"}}'); }).listen(${port}, '127.0.0.1');`;
  const child = spawnChild({
    name: 'todos',
    command: process.execPath,
    args: ['-e', script ?? server],
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '' },
    onLine: () => undefined,
  });
  started.push(child);
  return { child, url: `http://127.0.0.1:${port}` };
}

describe('waitForReady', () => {
  it('returns once /readyz answers 200', async () => {
    const { child, url } = await fakePart(200);
    await expect(waitForReady(child, url, { timeoutMs: 10_000, intervalMs: 50 })).resolves.toBeUndefined();
  });

  it('names the part, its last /readyz answer and its last log lines when it does not become ready', async () => {
    const { child, url } = await fakePart(503);
    const error = await waitForReady(child, url, { timeoutMs: 1_000, intervalMs: 50 }).catch(
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^todos did not become ready within 1s \(last GET .*\/readyz: 503 .*"nats":"timeout"/,
    );
    expect((error as Error).message).toMatch(/Its last log lines:\n {2}INFO {2}listening on \d+/);
  });

  it('fails at once, with its output, when the part exits before it is ready', async () => {
    const { child, url } = await fakePart(200, 'console.error("DATABASE_URL: required"); process.exit(2)');
    const startedAt = Date.now();
    await expect(waitForReady(child, url, { timeoutMs: 30_000, intervalMs: 50 })).rejects.toThrow(
      /^todos exited with code 2 before it became ready\.\nIts last log lines:\n {2}DATABASE_URL: required$/,
    );
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });
});
