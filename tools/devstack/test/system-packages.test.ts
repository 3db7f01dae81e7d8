import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPlan, missingPackages, NEEDS } from '../system-packages.mjs';

const nowhere = '/nonexistent/chromium';
const withChromium = { PATH: '/usr/sbin:/usr/bin', CHROMIUM_PATH: process.execPath };
const devstackDir = join(import.meta.dirname, '..');

describe('missingPackages', () => {
  it('asks for Chromium only for the tests, and finds it where CHROMIUM_PATH says', () => {
    const names = (command: string, env: Record<string, string>) =>
      missingPackages(command, env).map((need) => need.pkg);
    expect(names('test', { ...withChromium, CHROMIUM_PATH: nowhere })).toContain('chromium');
    expect(names('test', withChromium)).not.toContain('chromium');
    expect(names('start', { ...withChromium, CHROMIUM_PATH: nowhere })).not.toContain('chromium');
  });

  it('finds nats-server on PATH or in /usr/sbin, and misses it when neither has it', () => {
    const natsMissing = (env: Record<string, string>) =>
      missingPackages('start', env).some((need) => need.pkg === 'nats-server');
    const present = NEEDS.start[0]?.present({ PATH: '/usr/sbin' }) ?? false;
    // Which answer is right depends on this machine; both ways must agree with the filesystem.
    expect(natsMissing({ PATH: '/usr/sbin' })).toBe(!present);
    expect(natsMissing({ PATH: '' })).toBe(!present);
  });
});

describe('installPlan', () => {
  const missing = NEEDS.test;

  it('installs with apt-get as root, saying what and why in one line', () => {
    const plan = installPlan(missing, { isRoot: true, hasAptGet: true });
    expect(plan.install).toEqual(['chromium', 'nats-server']);
    expect(plan.message).toMatch(/^installing chromium nats-server with apt-get \(chromium: .*end-to-end/);
    expect(plan.message).not.toContain('\n');
  });

  it('names the exact command when it cannot install', () => {
    const asUser = installPlan(missing, { isRoot: false, hasAptGet: true });
    expect(asUser.install).toBeUndefined();
    expect(asUser.message).toContain(
      'sudo apt-get install -y chromium nats-server, then run this command again',
    );
    const elsewhere = installPlan(missing, { isRoot: true, hasAptGet: false });
    expect(elsewhere.install).toBeUndefined();
    expect(elsewhere.message).toContain('install chromium nats-server with your package manager');
  });
});

/** A Node that `nobody` can run: ours unless the checkout is private, else the machine's own. */
function nodeForNobody(): string | undefined {
  const reachable = (file: string) => {
    for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
      if ((statSync(dir).mode & 0o001) === 0) return false;
    }
    return existsSync(file);
  };
  return [process.execPath, '/usr/bin/node', '/usr/local/bin/node'].find(reachable);
}

describe.runIf(process.getuid?.() === 0)('bootstrap.mjs test, as a user who cannot install', () => {
  let copy = '';
  beforeAll(() => {
    // The scripts, copied where `nobody` can read them (the checkout itself may be under a private directory).
    copy = mkdtempSync(join(tmpdir(), 'bootstrap-'));
    chmodSync(copy, 0o755);
    mkdirSync(join(copy, 'libs', 'devstack'), { recursive: true });
    for (const script of ['bootstrap.mjs', 'system-packages.mjs']) {
      copyFileSync(join(devstackDir, script), join(copy, 'libs', 'devstack', script));
    }
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('stops at once with one line naming the command, before any suite runs', () => {
    const node = nodeForNobody();
    if (!node) throw new Error('no Node executable that the user nobody can run');
    const started = Date.now();
    const result = spawnSync(node, [join(copy, 'libs', 'devstack', 'bootstrap.mjs'), 'test'], {
      encoding: 'utf8',
      uid: 65534, // nobody
      gid: 65534,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', CHROMIUM_PATH: nowhere },
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^devstack: missing chromium.*: sudo apt-get install -y chromium/);
    // Nothing was installed or started: the would-be checkout has no node_modules.
    expect(existsSync(join(copy, 'node_modules'))).toBe(false);
  });
});
