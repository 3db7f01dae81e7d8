// Before the e2e tests: builds the app when web/build is missing or older than its sources (so
// `npm test -w web` and `nx test web` work from a clean checkout), then starts the whole system once for
// every test file. Its output goes to artifacts/system.log.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { artifactsDir, webRoot, webServerEntry } from './paths.ts';
import { startTarget } from './target.ts';

const inputs = ['src', 'static', 'vite.config.ts', 'adapter.ts', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    newest = Math.max(newest, statSync(join(path, entry)).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or null when build/ is newer than every input. */
function staleReason(): string | null {
  let built: number;
  try {
    built = statSync(webServerEntry).mtimeMs;
  } catch {
    return 'no build yet';
  }
  const changed = inputs.find((input) => newestMtime(join(webRoot, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function buildIfStale(): void {
  const reason = staleReason();
  if (!reason) return;

  console.log(`[e2e] building the web app first (${reason})`);
  const viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  // A production build: drop the NODE_ENV=test that vitest sets.
  const { NODE_ENV: _nodeEnv, ...env } = process.env;
  const result = spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: webRoot,
    env,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(
      `vite build failed (${result.signal ?? `exit code ${result.status}`}); see its output above`,
    );
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The gateway's URL: what the browser opens. */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildIfStale();
  mkdirSync(artifactsDir, { recursive: true });
  const log = createWriteStream(join(artifactsDir, 'system.log'));
  const started = Date.now();
  const target = await startTarget({ log: (line) => log.write(`${line}\n`) }).catch((error: unknown) => {
    log.end();
    throw new Error(`the system did not start (see test/e2e/artifacts/system.log): ${String(error)}`, {
      cause: error,
    });
  });
  console.log(`[e2e] system up at ${target.baseUrl} in ${Date.now() - started} ms`);
  project.provide('baseUrl', target.baseUrl);
  return async () => {
    await target.stop();
    await new Promise<void>((resolve) => log.end(resolve));
  };
}
