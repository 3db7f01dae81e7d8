// Runs before `npm start` / `npm test` (`node bootstrap.mjs start|test`) on whatever Node the shell has (Node 20
// here), so: plain JavaScript, no dependencies. It makes node_modules match package-lock.json and the workspace
// manifests, after finding or installing the system packages the command needs (system-packages.mjs), and
// says nothing when all is in place. npm then runs the real script with node_modules/.bin (Node 24) first on PATH.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aptInstall, installPlan, machineFacts, missingPackages } from './system-packages.mjs';

const root = join(import.meta.dirname, '..', '..');
const markerOf = (repoRoot) => join(repoRoot, 'node_modules', '.package-lock.json');

/** The package.json of the root and of every workspace (`dir` or `dir/*` patterns, as this repo uses). */
export function manifestPaths(repoRoot) {
  const rootManifest = join(repoRoot, 'package.json');
  const patterns = JSON.parse(readFileSync(rootManifest, 'utf8')).workspaces ?? [];
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(repoRoot, pattern)];
    const parent = join(repoRoot, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
  return [rootManifest, ...dirs.map((dir) => join(dir, 'package.json')).filter((file) => existsSync(file))];
}

/** 'ci' when nothing is installed, 'install' when a manifest or the lock changed since, else undefined. */
export function installNeeded(repoRoot) {
  if (!existsSync(join(repoRoot, 'node_modules'))) return 'ci';
  if (!existsSync(markerOf(repoRoot))) return 'install';
  const installedAt = statSync(markerOf(repoRoot)).mtimeMs;
  const inputs = [join(repoRoot, 'package-lock.json'), ...manifestPaths(repoRoot)];
  return inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > installedAt)
    ? 'install'
    : undefined;
}

function runNpm(args) {
  // npm_execpath is the npm that runs this script; fall back to the one on PATH when run by hand.
  // Prefer the project's Node 24 once installed: packages here declare engines the shell's Node 20 lacks.
  const npmCli = process.env.npm_execpath;
  const projectNode = join(root, 'node_modules', '.bin', 'node');
  const nodeBinary = existsSync(projectNode) ? projectNode : process.execPath;
  const [command, commandArgs] = npmCli ? [nodeBinary, [npmCli, ...args]] : ['npm', args];
  console.log(`devstack: npm ${args.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    // The first install runs on the shell's Node, which packages' engine checks warn about at length: say only errors.
    env: {
      ...process.env,
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_loglevel: 'error',
    },
  });
  if (result.status !== 0) {
    console.error(
      `devstack: npm ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
    process.exit(result.status || 1);
  }
}

/** Installs what `command` lacks, or stops before anything runs, naming the command that would. */
function ensureSystemPackages(command) {
  const missing = missingPackages(command);
  if (missing.length === 0) return;
  const plan = installPlan(missing, machineFacts());
  console.log(`devstack: ${plan.message}`);
  const failure = plan.install ? aptInstall(plan.install) : 'nothing installed';
  if (failure) {
    if (plan.install) console.error(`devstack: ${failure}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // System packages first: a machine that cannot get them stops here, before a long npm install.
  ensureSystemPackages(process.argv[2] ?? 'start');
  const action = installNeeded(root);
  if (action) {
    runNpm([action]);
    // npm leaves the marker untouched when nothing changed; touch it so the next run stays quiet.
    if (existsSync(markerOf(root))) utimesSync(markerOf(root), new Date(), new Date());
  }
}
