import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withClient } from '../src/admin-client.ts';
import { containerRuntimeAvailable } from '../src/container-runtime.ts';
import { findDatabaseServer } from '../src/database-server.ts';
import { tcpPortAnswers } from '../src/ports.ts';

// Integration: the real chain on this machine: a CockroachDB container where a runtime answers, else the
// local PostgreSQL (127.0.0.1:5432 here, where no runtime answers).
describe('findDatabaseServer on this machine', () => {
  it('picks a CockroachDB container where a runtime answers, else the local PostgreSQL; its URL answers', async () => {
    const expected = (await containerRuntimeAvailable()) ? 'cockroach-container' : 'local-postgres';
    const server = await findDatabaseServer({ allowContainers: true });
    try {
      expect(server.kind).toBe(expected);
      const answer = await withClient(server.url, (client) =>
        client.query<{ one: number }>('select 1 as one'),
      );
      expect(answer.rows[0]?.one).toBe(1);
    } finally {
      await server.stop(); // a found server is left running, a started container removed
    }
    if (expected === 'local-postgres') expect(await tcpPortAnswers('127.0.0.1', 5432)).toBe(true);
  });
});

describe('embedded PostgreSQL fallback', () => {
  let parentDir = '';
  afterAll(async () => {
    if (parentDir) await rm(parentDir, { recursive: true, force: true });
  });

  it('starts in the given directory when no local server is reported, and stop() shuts it down', async () => {
    parentDir = await mkdtemp(path.join(tmpdir(), 'localinfra-test-'));
    // A private temp parent (mode 0700, owned by root here) is the tests' usual choice.
    const dataDir = path.join(parentDir, 'postgres');
    const server = await findDatabaseServer(
      { dataDir },
      { findLocalPostgres: () => Promise.resolve(undefined) },
    );
    try {
      expect(server.kind).toBe('embedded-postgres');
      const { rows } = await withClient(server.url, (client) =>
        client.query<{ version: string }>('select version() as version'),
      );
      expect(rows[0]?.version).toMatch(/^PostgreSQL/);
      expect((await stat(path.join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
    } finally {
      await server.stop();
    }
    const port = Number(new URL(server.url).port);
    expect(await tcpPortAnswers('127.0.0.1', port)).toBe(false);
  });

  it('restarts on the data it kept (devstack reuses <repo>/.data/postgres)', async () => {
    const dataDir = path.join(parentDir, 'postgres');
    const server = await findDatabaseServer(
      { dataDir },
      { findLocalPostgres: () => Promise.resolve(undefined) },
    );
    try {
      await withClient(server.url, (client) => client.query('select 1'));
    } finally {
      await server.stop();
    }
  });

  it('survives pg_ctl stop -m immediate and restarts on the same port with committed data (fault tests)', async () => {
    const server = await findDatabaseServer({}, { findLocalPostgres: () => Promise.resolve(undefined) });
    try {
      const faults = server.faults;
      if (!faults) throw new Error('an embedded server offers faults');
      await withClient(server.url, async (client) => {
        await client.query('create table crash_check (id int primary key)');
        await client.query('insert into crash_check values (1)');
      });
      const pid = faults.pid;
      expect(pid).toBeGreaterThan(0);
      await faults.crash();
      expect(faults.pid).toBeUndefined();
      expect(await tcpPortAnswers('127.0.0.1', Number(new URL(server.url).port))).toBe(false);
      await faults.restart();
      expect(faults.pid).not.toBe(pid);
      const { rows } = await withClient(server.url, (client) =>
        client.query<{ id: number }>('select id from crash_check'),
      );
      expect(rows).toEqual([{ id: 1 }]);
    } finally {
      await server.stop();
    }
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, names a closed ancestor instead of failing obscurely',
    async () => {
      const closedDir = await mkdtemp(path.join(parentDir, 'closed-'));
      await chmod(closedDir, 0o700);
      const dataDir = path.join(closedDir, 'nested', 'postgres');
      await expect(
        findDatabaseServer({ dataDir }, { findLocalPostgres: () => Promise.resolve(undefined) }),
      ).rejects.toThrow(`cannot enter ${closedDir}`);
    },
  );

  it('uses a temp directory it removes when no directory is given', async () => {
    const server = await findDatabaseServer({}, { findLocalPostgres: () => Promise.resolve(undefined) });
    await withClient(server.url, (client) => client.query('select 1'));
    const { rows } = await withClient(server.url, (client) =>
      client.query<{ setting: string }>("select setting from pg_settings where name = 'data_directory'"),
    );
    const dataDir = rows[0]?.setting ?? '';
    await server.stop();
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
  });
});
