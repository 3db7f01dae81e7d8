import { delimiter, dirname, join } from 'node:path';
import type { Env, PartName } from './env.ts';

/** Where each part lives and how it runs (docs/runtime-contract.md), relative to the repository root. */
export const PARTS: Record<PartName, { dir: string; main: string; migrate?: string }> = {
  auth: { dir: 'services/auth', main: 'src/main.ts', migrate: 'src/migrate.ts' },
  todos: { dir: 'services/todos', main: 'src/main.ts', migrate: 'src/migrate.ts' },
  web: { dir: 'web', main: 'build/index.js' },
  gateway: { dir: 'gateway', main: 'src/main.ts' },
};

/** Start order: a stage starts once every part of the one before answers /readyz. */
export const STAGES: readonly (readonly PartName[])[] = [['auth', 'web'], ['todos'], ['gateway']];

/**
 * PATH for child processes: the project's node_modules/.bin and this Node first, so that whatever a part or
 * the web build spawns runs on Node 24, not on the shell's older `node`.
 */
export function childPath(repoRoot: string, nodeBinary: string, path: string | undefined): string {
  return [join(repoRoot, 'node_modules', '.bin'), dirname(nodeBinary), ...(path ? [path] : [])].join(
    delimiter,
  );
}

export function withPath(env: Env, repoRoot: string): Env {
  return { ...env, PATH: childPath(repoRoot, process.execPath, env.PATH) };
}
