// `npm run test:faults [-- --pressure] [vitest options]`: the fault suite, optionally with one core kept busy
// by another process for its whole run, as on a shared machine (issue 13: the suite must hold its invariants
// there too). The pressure is a busy loop of our own rather than stress-ng: the same single-core load,
// nothing to install, and it is ours to stop.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const pressure = args.includes('--pressure');
const vitestArgs = args.filter((arg) => arg !== '--pressure');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const busy = pressure ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : undefined;
if (busy) console.log(`faults │ pressure: one core kept busy by process ${busy.pid} (load ${loadAverage()})`);
const stopBusy = () => {
  if (busy?.exitCode === null) busy.kill('SIGKILL');
};
process.on('exit', stopBusy);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopBusy();
    process.exit(1);
  });
}

const suite = spawn(
  process.execPath,
  [vitest, 'run', '--config', join(import.meta.dirname, '..', 'vitest.faults.config.ts'), ...vitestArgs],
  { stdio: 'inherit', env: { ...process.env, ...(pressure ? { FAULTS_PRESSURE: '1' } : {}) } },
);
suite.on('exit', (code, signal) => {
  if (busy) console.log(`faults │ pressure: load average at the end ${loadAverage()}`);
  stopBusy();
  process.exit(code ?? (signal ? 1 : 0));
});
