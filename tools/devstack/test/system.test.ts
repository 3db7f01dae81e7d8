// The whole system, started as the web e2e tests start it: free ports, own databases and NATS namespace.
import { listDatabases } from '@todo-bus/localinfra';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive } from './process-state.ts';
import { seedDemoData } from '../src/seed.ts';
import { startSystem, type RunningSystem } from '../src/system.ts';

describe('startSystem', () => {
  let system: RunningSystem;
  const lines: string[] = [];

  beforeAll(async () => {
    system = await startSystem({ ports: 'free', isolated: true, log: (line) => lines.push(line) });
  }, 300_000);
  afterAll(() => system?.stop());

  it('serves the API and the web app through the gateway on the port it chose', async () => {
    expect(system.url).toBe(`http://localhost:${system.ports.gateway}`);
    expect((await fetch(`${system.url}/readyz`)).status).toBe(200);
    const page = await fetch(`${system.url}/login`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('keeps its data apart from npm start: its own databases and bus namespace', () => {
    expect(system.databases.auth).toMatch(/^auth_[0-9a-f]{8}$/);
    expect(system.databases.todos).toMatch(/^todos_[0-9a-f]{8}$/);
    expect(system.natsNamespace).toMatch(/^e2e[0-9a-f]{8}$/);
  });

  it('registers a user and stores todos end to end (npm run seed against it)', async () => {
    const first = await seedDemoData(system.url);
    expect(first.user).toBe('registered');
    expect(first.created).toHaveLength(5);
    const again = await seedDemoData(system.url);
    expect(again).toMatchObject({ user: 'logged in', created: [] });
  });

  it('prefixes the output of every part', () => {
    for (const part of ['devstack', 'auth', 'todos', 'web', 'gateway']) {
      expect(
        lines.some((line) => line.startsWith(`${part.padEnd(8)} │ `)),
        part,
      ).toBe(true);
    }
  });

  it('restarts a killed part on the same port without stopping the rest (fault tests)', async () => {
    const before = system.pids.todos;
    let crashed = false;
    void system.crashed.then(() => (crashed = true));
    await system.restartPart('todos', { downMs: 100 });
    expect(system.pids.todos).not.toBe(before);
    expect(alive(before ?? -1)).toBe(false);
    expect(alive(system.pids.todos ?? -1)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${system.ports.todos}/readyz`)).status).toBe(200);
    expect(crashed).toBe(false);
    // The machine's own servers were found, not started: nothing here may crash them.
    expect(system.servers).toEqual({});
  });

  it('stops every part and drops its databases', async () => {
    const pids = Object.values(system.pids);
    expect(pids).toHaveLength(4);
    await system.stop();
    for (const pid of pids) expect(pid !== undefined && alive(pid)).toBe(false);
    await expect(fetch(`${system.url}/readyz`)).rejects.toThrow();
    const left = await listDatabases(system.databaseUrl, system.databases.auth);
    expect(left).toEqual([]);
  });
});
