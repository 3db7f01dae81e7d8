// The database's own ceiling for a todo create: pgbench running the same two INSERTs (todo row + outbox
// row, one transaction) against the todos service's schema, at the service's isolation level.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@todo-bus/devstack';
import { createDatabase, databaseUrlFor, dropDatabase, setSerializable } from '@todo-bus/localinfra';

const run = promisify(execFile);

/** A CloudEvent of the size the service writes for todo.created (about 560 bytes of JSON). */
const samplePayload = JSON.stringify({
  specversion: '1.0',
  id: '019a0000-0000-7000-8000-000000000000',
  source: '/services/todos',
  type: 'todo.created',
  subject: '00000000-0000-4000-8000-000000000000',
  time: '2026-01-01T00:00:00.000Z',
  datacontenttype: 'application/json',
  dataschema: 'https://todo-bus.example/schemas/todo.created/1',
  userid: '00000000-0000-4000-8000-000000000000',
  data: {
    todo: {
      id: '00000000-0000-4000-8000-000000000000',
      title: 'pgbench todo',
      completed: false,
      order: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
  },
});

/** pgbench's script: the statements of POST /api/todos, minus its `lastOrder` read. */
export const createTodoScript = `\\set user random(1, 1000)
BEGIN;
INSERT INTO todo (id, user_id, title, completed, position, created_at, updated_at)
  VALUES (gen_random_uuid(), md5(:user::text)::uuid, 'pgbench todo', false, 0, now(), now());
INSERT INTO outbox_message (id, subject, payload, created_at, claimed_until, published_at, attempts)
  VALUES (gen_random_uuid(), 'todos.events.' || md5(:user::text)::uuid || '.todo.created',
          '${samplePayload}'::jsonb, now(), null, null, 0);
COMMIT;
`;

/** The `tps = …` line of pgbench's report. */
export function parsePgbenchTps(output: string): number {
  const match = /^tps = ([\d.]+)/m.exec(output);
  if (!match) throw new Error(`no "tps =" in pgbench output:\n${output}`);
  return Number(match[1]);
}

export interface PgbenchTarget {
  /** Runs pgbench once; resolves with its TPS. */
  run(options?: { clients?: number; threads?: number; seconds?: number }): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * A scratch database on the server at `adminUrl`, migrated by the todos service's own migrate command and
 * set to SERIALIZABLE by default (as the service's transactions are); dispose() drops it.
 */
export async function preparePgbench(adminUrl: string, pgbench = '/usr/bin/pgbench'): Promise<PgbenchTarget> {
  const name = `perf_pgbench_${randomBytes(4).toString('hex')}`;
  await createDatabase(adminUrl, name);
  const url = databaseUrlFor(adminUrl, name);
  const dir = await mkdtemp(join(tmpdir(), 'todo-bus-pgbench-'));
  try {
    await setSerializable(adminUrl, name);
    await run(process.execPath, ['services/todos/src/migrate.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    });
    const script = join(dir, 'create-todo.sql');
    await writeFile(script, createTodoScript);
    return {
      async run({ clients = 32, threads = 2, seconds = 10 } = {}) {
        const args = ['-n', '-c', String(clients), '-j', String(threads), '-T', String(seconds)];
        const { stdout } = await run(pgbench, [...args, '-f', script, url], { maxBuffer: 1 << 20 });
        return parsePgbenchTps(stdout);
      },
      async dispose() {
        await rm(dir, { recursive: true, force: true });
        await dropDatabase(adminUrl, name);
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(adminUrl, name).catch(() => undefined);
    throw error;
  }
}
