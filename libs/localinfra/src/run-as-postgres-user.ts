import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** PostgreSQL refuses to run as root; as root we run initdb and the server as this user. */
export const POSTGRES_SYSTEM_USER = 'postgres';

export interface SystemUser {
  uid: number;
  gid: number;
}

export function runningAsRoot(): boolean {
  return userInfo().uid === 0;
}

/** The user the server must run as: none (ourselves) unless we are root. */
export async function postgresRunAs(): Promise<SystemUser | undefined> {
  return runningAsRoot() ? systemUserIds(POSTGRES_SYSTEM_USER) : undefined;
}

/**
 * Where the server can keep `preferred`'s data. As root, the postgres user must be able to enter every
 * ancestor of the data directory; a checkout under a private directory (a home directory, mktemp -d) does not
 * allow that, and opening someone's directories is not ours to do. Then the data lives in a directory derived
 * from `preferred` under /var/tmp (kept across reboots, unlike /tmp), the same one on every run.
 */
export async function reachableDataDir(preferred: string, runAs: SystemUser | undefined): Promise<string> {
  const resolved = path.resolve(preferred);
  if (!runAs) return resolved;
  const existing = ancestorsOf(resolved).filter((dir) => existsSync(dir));
  const closed: string[] = [];
  for (const dir of existing) if (!(await enterable(dir, runAs))) closed.push(dir);
  // A private temp parent of the data dir itself is handed over by prepareDataDirForPostgres: no need to move.
  if (closed.every((dir) => isPrivateTempParent(dir, resolved))) return resolved;
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  const id = createHash('sha256').update(resolved).digest('hex').slice(0, 12);
  return path.join(base, `todo-bus-postgres-data-${id}`);
}

/** The data dir's own parent, made by mkdtemp in the temp dir (tests, the fault suite): ours to hand over. */
function isPrivateTempParent(dir: string, dataDir: string): boolean {
  return dir === path.dirname(dataDir) && isInside(dir, tmpdir(), true);
}

/**
 * Creates `dataDir` so that the server's user can use it: that user must own it (initdb refuses otherwise) and
 * be able to enter every ancestor. We hand over the directories we created and a private temp parent (mkdtemp
 * makes them 0700); any other closed ancestor is not ours to open, so we say which and what to do.
 */
export async function prepareDataDirForPostgres(
  dataDir: string,
  runAs: SystemUser | undefined,
): Promise<void> {
  const firstCreated = await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!runAs) return;
  const createdByUs = (dir: string) => firstCreated !== undefined && isInside(dir, firstCreated);
  for (const dir of ancestorsOf(dataDir)) {
    if (await enterable(dir, runAs)) continue;
    if (!createdByUs(dir) && !isPrivateTempParent(dir, dataDir)) {
      throw new Error(
        `PostgreSQL runs as user "${POSTGRES_SYSTEM_USER}", which cannot enter ${dir}: ` +
          `choose a data directory elsewhere or allow it (chmod o+x ${dir})`,
      );
    }
    await chown(dir, runAs.uid, runAs.gid);
  }
  await chown(dataDir, runAs.uid, runAs.gid);
}

/** True when `user` can enter `dir` and every directory above it. */
export async function canEnterAll(dir: string, user: SystemUser): Promise<boolean> {
  for (const each of [...ancestorsOf(dir), dir]) if (!(await enterable(each, user))) return false;
  return true;
}

function isInside(dir: string, base: string, strictly = false): boolean {
  const relative = path.relative(base, dir);
  if (relative === '') return !strictly;
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** From the filesystem root down to the parent of `dir`. */
function ancestorsOf(dir: string): string[] {
  const ancestors: string[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    ancestors.unshift(current);
    if (current === path.dirname(current)) return ancestors;
  }
}

async function enterable(dir: string, user: SystemUser): Promise<boolean> {
  const { mode, uid, gid } = await stat(dir);
  if (user.uid === 0) return true;
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** uid and gid of a system user (the one PostgreSQL runs as when we are root). */
export async function systemUserIds(name: string): Promise<SystemUser> {
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(
      `embedded PostgreSQL cannot run as root without a "${name}" system user: run as another user, ` +
        `create one (useradd --system ${name}), or install PostgreSQL (apt-get install -y postgresql)`,
    );
  }
}
