// The init container of auth and todos (k8s/base/config/wait-for-migrations.mjs), run as Kubernetes runs it:
// from the service's directory, against a real database, while the real migrate command (the Job) runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEPLOY_DIR, REPO_ROOT } from './render.ts';

const SCRIPT = join(DEPLOY_DIR, 'k8s/base/config/wait-for-migrations.mjs');
const SERVICE_DIR = join(REPO_ROOT, 'services/todos');

interface Waiter {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line that matches. */
  nextLine(pattern: RegExp): Promise<string>;
}

function startWaiter(databaseUrl: string | undefined): Waiter {
  const env: NodeJS.ProcessEnv = { ...process.env, MIGRATION_WAIT_INTERVAL_MS: '100' };
  if (databaseUrl === undefined) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [SCRIPT], {
    cwd: SERVICE_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  const nextLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return resolve(seen);
      const listener = (line: string) => {
        if (pattern.test(line)) resolve(line);
      };
      listeners.add(listener);
      child.once('exit', (code) =>
        reject(new Error(`exited ${code} before ${pattern}:\n${lines.join('\n')}`)),
      );
    });
  return { child, lines, nextLine };
}

function migrate(databaseUrl: string) {
  return spawnSync(process.execPath, ['src/migrate.ts'], {
    cwd: SERVICE_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
}

describe('wait-for-migrations (init container)', () => {
  let database: TestDatabase;
  let waiter: Waiter | undefined;

  beforeEach(async () => {
    database = await useTestDatabase({ empty: true });
  });

  afterEach(async () => {
    if (waiter && waiter.child.exitCode === null) {
      waiter.child.kill();
      await once(waiter.child, 'exit');
    }
    waiter = undefined;
    await database.drop();
  });

  it('holds the service back until the migrate command has applied every migration of its image', async () => {
    waiter = startWaiter(database.url);
    const waiting = await waiter.nextLine(/waiting for \d+ migration/);
    expect(JSON.parse(waiting)).toMatchObject({ level: 30, name: 'wait-for-migrations' });
    expect(waiter.child.exitCode).toBeNull();

    const migration = migrate(database.url);
    expect(migration.status, migration.stderr).toBe(0);

    const [code] = (await once(waiter.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(waiter.lines.at(-1)).toContain('every migration of this image is applied');
  });

  it('keeps waiting while the database cannot be reached', async () => {
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    waiter = startWaiter(unreachable.href);
    await waiter.nextLine(/database not ready/);
    expect(waiter.child.exitCode).toBeNull();
  });

  it('refuses to start without DATABASE_URL', async () => {
    waiter = startWaiter(undefined);
    const [code] = (await once(waiter.child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(waiter.lines.join('\n')).toContain('DATABASE_URL is required');
  });
});
