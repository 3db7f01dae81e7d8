// npm run bench: the whole system on this machine under the workload of issue 9; prints the results table.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiClient } from '../http/api-client.ts';
import { EventLedger } from '../workload/event-ledger.ts';
import { LatencyRecorder } from '../stats/latency-recorder.ts';
import { startBenchSystem } from './bench-system.ts';
import { benchUsage, parseBenchOptions } from './options.ts';
import { renderReport, type BenchResults } from './report.ts';
import { runCreateRatio } from './steps/create-ratio.ts';
import { runListRatio } from './steps/list-ratio.ts';
import { runMixedStep } from './steps/mixed.ts';
import { runSseScaling } from './steps/sse-scaling.ts';
import { setUpVirtualUsers } from './steps/virtual-users.ts';

const options = parseBenchOptions(process.argv.slice(2));
if (options === 'help') {
  console.log(benchUsage);
  process.exit(0);
}
const say = (line: string) => console.error(`bench │ ${line}`);
const startedAt = performance.now();
const results: BenchResults = { options, startedAt: new Date().toISOString(), totalSeconds: 0 };

say('starting the system (shared PostgreSQL and NATS, own databases and namespace)…');
// Paths on the command line are relative to where `npm run` was typed, not to this workspace.
const here = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const profiling = options.profile ? here(options.profile) : undefined;
const bench = await startBenchSystem(
  profiling ? { env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiling}` } } : {},
);
const { system } = bench;
const api = new ApiClient(system.url.replace('localhost', '127.0.0.1'), { connections: 128 });
let failed = false;
try {
  const ledger = new EventLedger();
  const needsUsers = options.only.has('mixed') || options.only.has('sse');
  const setup = needsUsers
    ? await setUpVirtualUsers(api, ledger, {
        count: options.users,
        seedTodos: options.seedTodos,
        seed: options.seed,
        port: system.ports.gateway,
      })
    : undefined;
  if (setup) results.login = setup.login;

  if (setup && options.only.has('mixed')) {
    say(`mixed workload: ${options.users} users, ${options.rate}/s for ${options.seconds} s…`);
    results.mixed = await runMixedStep(
      setup.users,
      ledger,
      bench.groups(),
      {
        rate: options.rate,
        seconds: options.seconds,
        pageSize: options.pageSize,
        seed: options.seed,
        bus: { natsUrl: system.natsUrl, namespace: system.natsNamespace },
      },
      new LatencyRecorder(),
    );
    say(
      `mixed: ${results.mixed.load.throughput.toFixed(1)} req/s, ${results.mixed.load.errors} errors, ` +
        `commit→SSE p99 ${results.mixed.commitToSse.percentile(99).toFixed(1)} ms`,
    );
  }
  if (options.only.has('list')) {
    say(`list latency at 10 and ${options.listTodos} todos per user…`);
    results.list = await runListRatio(api, {
      databaseAdminUrl: system.databaseUrl,
      todosDatabase: system.databases.todos,
      bigTodos: options.listTodos,
      pageSize: options.pageSize,
      rounds: Math.max(options.rounds, 3),
    });
  }
  if (setup && options.only.has('sse')) {
    say(`commit → SSE at ${options.streams.join(', ')} open streams…`);
    results.sse = await runSseScaling(api, setup.users, ledger, bench.groups(), {
      port: system.ports.gateway,
      levels: options.streams,
      passes: 2,
      idleUsers: options.idleUsers,
      rate: options.rate,
      seconds: options.sseSeconds,
      pageSize: options.pageSize,
      seed: options.seed,
      gatewayPid: () => system.pids.gateway,
      restartGateway: () => system.restartPart('gateway', { signal: 'SIGTERM' }),
      bus: { natsUrl: system.natsUrl, namespace: system.natsNamespace },
      log: say,
    });
  }
  // Saturating creates last: 60k outbox rows in 90 s leave dead index entries that autovacuum takes minutes
  // to clear, and every later relay pass scans them (README, "Performance"). The latency steps come first.
  if (options.only.has('create')) {
    say(`create throughput: gateway, direct and pgbench, ${options.rounds} rounds…`);
    results.create = await runCreateRatio({
      gatewayUrl: `http://127.0.0.1:${system.ports.gateway}`,
      todosUrl: `http://127.0.0.1:${system.ports.todos}`,
      databaseAdminUrl: system.databaseUrl,
      clients: options.clients,
      rounds: options.rounds,
      roundSeconds: options.roundSeconds,
      groups: bench.groups().filter((group) => !['auth', 'web'].includes(group.name)),
      log: say,
    });
  }
  if (setup) {
    await ledger.drain(10_000);
    results.events = ledger.summary();
    for (const user of setup.users) user.closeStream();
  }
} catch (error) {
  failed = true;
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  say('last lines of the system:');
  for (const line of bench.logs.last()) console.error(line);
} finally {
  await api.close();
  await system.stop();
}
results.totalSeconds = (performance.now() - startedAt) / 1000;
if (profiling) say(`CPU profiles of every part (written as each one exited): ${profiling}`);
console.log(renderReport(results));
if (options.json) await writeFile(here(options.json), JSON.stringify(results, jsonReplacer, 2));
process.exit(failed ? 1 : 0);

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof LatencyRecorder) {
    return { count: value.count, p50: value.percentile(50), p99: value.percentile(99), max: value.max };
  }
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}
