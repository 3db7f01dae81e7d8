// Builds web/ when its build is missing or older than its sources; one build at a time across processes.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runToCompletion } from './processes.ts';

// Everything in web/ feeds the build (sources, static files, vite and adapter config) except these.
const SKIPPED_DIRS = new Set(['node_modules', '.svelte-kit', 'build', 'test', 'e2e', 'coverage']);
const isTest = (name: string) => /\.(test|spec)\.[cm]?[jt]s$/.test(name);

/** The newest modification time of the files under `paths` (directories walked), or 0 when there are none. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (!stats.isDirectory()) {
      newest = Math.max(newest, stats.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory() ? SKIPPED_DIRS.has(entry.name) : isTest(entry.name)) continue;
      newest = Math.max(newest, newestMtime([join(path, entry.name)]));
    }
  }
  return newest;
}

/** Why web/ needs a build, or undefined when web/build/index.js is newer than every source. */
export function webBuildStaleness(webDir: string): string | undefined {
  const output = join(webDir, 'build', 'index.js');
  if (!existsSync(output)) return 'no build yet';
  const sourcesChangedAt = newestMtime([webDir]);
  return sourcesChangedAt > statSync(output).mtimeMs ? 'sources changed since the last build' : undefined;
}

export interface WebBuildOptions {
  repoRoot: string;
  lockDir: string;
  env: Record<string, string>;
  onLine: (name: string, line: string) => void;
  signal?: AbortSignal;
}

/** `npm run build -w web` if the build is stale. Returns whether it built. */
export async function ensureWebBuild(options: WebBuildOptions): Promise<boolean> {
  const webDir = join(options.repoRoot, 'web');
  if (!webBuildStaleness(webDir)) return false;
  const release = await acquireLock(join(options.lockDir, 'web-build.lock'));
  try {
    // Another process may have built it while this one waited for the lock.
    const reason = webBuildStaleness(webDir);
    if (!reason) return false;
    options.onLine('web', `building web (${reason})…`);
    await runToCompletion({
      name: 'web build',
      command: 'npm',
      args: ['run', 'build', '-w', 'web'],
      cwd: options.repoRoot,
      env: options.env,
      onLine: (_name, line) => options.onLine('web', line),
      timeoutMs: 300_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return true;
  } finally {
    release();
  }
}

const STALE_LOCK_MS = 10 * 60_000;

/** mkdir is atomic: the process that creates the folder holds the lock. A lock older than a build is stale. */
async function acquireLock(lockPath: string): Promise<() => void> {
  mkdirSync(join(lockPath, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockPath);
      return () => rmSync(lockPath, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lockedAt = existsSync(lockPath)
        ? statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs
        : undefined;
      if (lockedAt !== undefined && Date.now() - lockedAt > STALE_LOCK_MS)
        rmSync(lockPath, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
