import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installNeeded, manifestPaths } from '../bootstrap.mjs';
import { newestMtime, webBuildStaleness } from '../src/web-build.ts';

let root: string;
const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);
function file(path: string, seconds: number, content = '{}') {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  utimesSync(full, at(seconds), at(seconds));
}

beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'devstack-test-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('webBuildStaleness', () => {
  beforeEach(() => {
    file('web/src/routes/+page.svelte', 10);
    file('web/package.json', 5);
  });

  it('asks for a build when there is none', () => {
    expect(webBuildStaleness(join(root, 'web'))).toBe('no build yet');
  });

  it('is satisfied with a build newer than every source', () => {
    file('web/build/index.js', 20);
    expect(webBuildStaleness(join(root, 'web'))).toBeUndefined();
  });

  it('asks for a build when a source or the config changed after it', () => {
    file('web/build/index.js', 20);
    file('web/src/lib/api.ts', 30);
    expect(webBuildStaleness(join(root, 'web'))).toBe('sources changed since the last build');
    file('web/src/lib/api.ts', 15);
    file('web/adapter.ts', 25);
    expect(webBuildStaleness(join(root, 'web'))).toBe('sources changed since the last build');
  });

  it('ignores node_modules, generated folders and tests when looking for changes', () => {
    file('web/build/index.js', 20);
    file('web/src/node_modules/x.js', 40);
    file('web/.svelte-kit/generated.js', 40);
    file('web/src/routes/page.test.ts', 40);
    file('web/test/e2e.test.ts', 40);
    expect(newestMtime([join(root, 'web')])).toBe(at(10).getTime());
    expect(webBuildStaleness(join(root, 'web'))).toBeUndefined();
  });
});

describe('installNeeded (bootstrap.mjs)', () => {
  beforeEach(() => {
    file('package.json', 10, JSON.stringify({ workspaces: ['libs/*', 'gateway'] }));
    file('package-lock.json', 10);
    file('libs/a/package.json', 10);
    file('gateway/package.json', 10);
  });

  it('finds the root manifest and every workspace manifest', () => {
    mkdirSync(join(root, 'libs/not-a-package'));
    expect(manifestPaths(root).map((path) => path.slice(root.length + 1))).toEqual([
      'package.json',
      'libs/a/package.json',
      'gateway/package.json',
    ]);
  });

  it('runs npm ci when nothing is installed', () => {
    expect(installNeeded(root)).toBe('ci');
  });

  it('does nothing when node_modules is newer than the lock and every manifest', () => {
    file('node_modules/.package-lock.json', 20);
    expect(installNeeded(root)).toBeUndefined();
  });

  it('runs npm install when the lock or a workspace manifest changed since the last install', () => {
    file('node_modules/.package-lock.json', 20);
    file('libs/a/package.json', 30);
    expect(installNeeded(root)).toBe('install');
    file('libs/a/package.json', 10);
    file('package-lock.json', 30);
    expect(installNeeded(root)).toBe('install');
  });
});
