import { describe, expect, it } from 'vitest';
import { alive } from './process-state.ts';
import { runToCompletion, spawnChild } from '../src/processes.ts';

const node = process.execPath;
const options = (script: string) => ({
  name: 'part',
  command: node,
  args: ['-e', script],
  cwd: process.cwd(),
  env: { PATH: process.env.PATH ?? '' },
  onLine: () => undefined,
});

describe('spawnChild', () => {
  it('reports output line by line and keeps the last lines', async () => {
    const lines: string[] = [];
    const child = spawnChild({
      ...options('console.log("one\\ntwo"); console.error("three")'),
      onLine: (_n, l) => lines.push(l),
    });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(lines.sort()).toEqual(['one', 'three', 'two']);
    expect(child.lastLines()).toHaveLength(3);
  });

  it('stops a part that ignores SIGTERM with SIGKILL after the grace period, grandchildren included', async () => {
    const script = `
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)']);
      process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
      console.log('grandchild ' + grandchild.pid);
      setInterval(() => {}, 1000);`;
    const lines: string[] = [];
    const child = spawnChild({ ...options(script), onLine: (_n, l) => lines.push(l) });
    await expect.poll(() => lines.find((line) => line.startsWith('grandchild '))).toBeDefined();
    const grandchildPid = Number(lines.find((line) => line.startsWith('grandchild '))?.split(' ')[1]);
    const startedAt = Date.now();
    expect(await child.stop(300)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    await expect.poll(() => alive(grandchildPid)).toBe(false);
    expect(child.pid !== undefined && alive(child.pid)).toBe(false);
  });

  it('stops a well-behaved part with SIGTERM alone', async () => {
    const child = spawnChild(
      options('process.on("SIGTERM", () => process.exit(0)); console.log("up"); setInterval(() => {}, 1000)'),
    );
    await expect.poll(() => child.lastLines()).toEqual(['up']);
    expect(await child.stop(5_000)).toEqual({ code: 0, signal: null });
  });
});

describe('runToCompletion', () => {
  it('rejects with the exit code and the last lines of a failed command', async () => {
    await expect(
      runToCompletion(options('console.error("migration 2 failed: relation exists"); process.exit(3)')),
    ).rejects.toThrow(/part exited with code 3\. Its last lines:\nmigration 2 failed: relation exists/);
  });

  it('stops a command that runs past its time limit', async () => {
    await expect(
      runToCompletion({ ...options('setInterval(() => {}, 1000)'), timeoutMs: 200 }),
    ).rejects.toThrow(/did not finish within 0.2s/);
  });
});
