// What `npm start` and `npm test` need from the machine beyond npm, found or installed before anything runs.
// Plain JavaScript with no dependencies: the bootstrap runs it on whatever Node the shell has.
/* global process */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** One Debian package a command needs, and how to tell it is already there. */
const CHROMIUM = {
  pkg: 'chromium',
  why: 'the end-to-end tests drive a real Chromium',
  // The e2e harness honours CHROMIUM_PATH; without it, it launches /usr/bin/chromium.
  present: (env) => executable(env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
};
const NATS_SERVER = {
  pkg: 'nats-server',
  why: 'tests and `npm start` run their own NATS when none answers',
  // Debian installs it to /usr/sbin, which is not on every user's PATH.
  present: (env) =>
    onPath('nats-server', env) ||
    ['/usr/sbin', '/usr/local/bin'].some((dir) => executable(join(dir, 'nats-server'))),
};

/** The system packages each top-level command needs. */
export const NEEDS = { start: [NATS_SERVER], test: [CHROMIUM, NATS_SERVER] };

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && executable(join(dir, command)));
}

/** The needs of `command` that this machine lacks. */
export function missingPackages(command, env = process.env) {
  return (NEEDS[command] ?? []).filter((need) => !need.present(env));
}

/**
 * How to get the missing packages: installed here by apt-get when we are root on a Debian-like machine, else
 * the exact command a person has to run first.
 */
export function installPlan(missing, { isRoot, hasAptGet }) {
  const names = missing.map((need) => need.pkg).join(' ');
  const reasons = missing.map((need) => `${need.pkg}: ${need.why}`).join('; ');
  if (isRoot && hasAptGet)
    return {
      install: missing.map((need) => need.pkg),
      message: `installing ${names} with apt-get (${reasons})`,
    };
  const command = hasAptGet
    ? `sudo apt-get install -y ${names}`
    : `install ${names} with your package manager`;
  return { message: `missing ${names} (${reasons}): ${command}, then run this command again` };
}

/** Installs `packages` non-interactively; returns an error message (with apt's own words) or undefined. */
export function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt's chatter (debconf notes and the like) is shown only when something fails.
  const options = { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, options);
    if (result.status !== 0) {
      const reason = result.error?.message ?? `exit ${result.status}`;
      return `apt-get ${args.join(' ')} failed (${reason}):\n${result.stderr ?? ''}`.trim();
    }
  }
  return undefined;
}

export const machineFacts = () => ({
  isRoot: process.getuid?.() === 0,
  hasAptGet: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
});
