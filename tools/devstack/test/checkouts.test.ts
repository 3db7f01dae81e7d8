// Two clones of the repository on one machine, each running `npm start` against the machine's PostgreSQL and
// NATS: each has its own generated KEY_ENCRYPTION_SECRET (in its .data), so each needs its own databases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase } from '@todo-bus/localinfra';
import { deleteStreamsOf } from '@todo-bus/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/seed.ts';
import { startSystem, type RunningSystem } from '../src/system.ts';

const clones = [1, 2].map(() => mkdtempSync(join(tmpdir(), 'todo-bus-clone-')));
// npm start uses no namespace; the checkouts here share one, as two clones share the machine's bus.
const natsNamespace = `clones${randomBytes(4).toString('hex')}`;
const started: RunningSystem[] = [];
const lines: string[] = [];

/** `npm start` in a clone, as far as its data goes: its own .data, the machine's servers, nothing dropped. */
async function npmStartIn(clone: string) {
  const system = await startSystem({
    ports: 'free',
    dataDir: join(clone, '.data'),
    natsNamespace,
    log: (line) => lines.push(line),
  });
  started.push(system);
  return system;
}

afterAll(async () => {
  await Promise.all(started.map((system) => system.stop()));
  const [first] = started;
  if (first) await deleteStreamsOf(first.natsUrl, natsNamespace);
  for (const system of started) {
    for (const name of Object.values(system.databases)) await dropDatabase(system.databaseUrl, name);
  }
  for (const clone of clones) rmSync(clone, { recursive: true, force: true });
});

describe('npm start in two clones, one after the other, on one PostgreSQL', () => {
  it('registers and logs in on both, and each clone finds its own data again', async () => {
    const [one = '', two = ''] = clones;
    const seedTwice = async (system: RunningSystem) => [
      await seedDemoData(system.url),
      await seedDemoData(system.url),
    ];

    const first = await npmStartIn(one);
    expect(await seedTwice(first)).toMatchObject([{ user: 'registered' }, { user: 'logged in' }]);
    await first.stop();

    const second = await npmStartIn(two);
    expect(second.databases.auth).not.toBe(first.databases.auth);
    // Before, the second clone shared the first's `auth` database: every register and login was a 500.
    expect(await seedTwice(second)).toMatchObject([{ user: 'registered' }, { user: 'logged in' }]);
    await second.stop();

    const firstAgain = await npmStartIn(one);
    expect(firstAgain.databases).toEqual(first.databases);
    expect(await seedDemoData(firstAgain.url)).toMatchObject({ user: 'logged in', created: [] });
    expect(lines.filter((line) => line.includes('KEY_ENCRYPTION_SECRET does not match'))).toEqual([]);
  }, 400_000);
});
