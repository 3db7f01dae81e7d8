// npm run soak: a steady mixed load for a long time (default 30 minutes); every minute, the error rate,
// latency and the RSS of every part, so a leak or a slow degradation shows as a trend.
import { parseArgs } from 'node:util';
import { startBenchSystem } from '../bench/bench-system.ts';
import { table } from '../bench/report.ts';
import { ApiClient } from '../http/api-client.ts';
import { mapConcurrent, refresh, type TestUser } from '../http/users.ts';
import { setUpVirtualUsers } from '../bench/steps/virtual-users.ts';
import { readProcess } from '../stats/process-stats.ts';
import { EventLedger } from '../workload/event-ledger.ts';
import { DEFAULT_MIX, OPERATIONS, seededRandom } from '../workload/mix.ts';
import { runMixedLoad } from '../workload/mixed-load.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '50' },
    users: { type: 'string', default: '20' },
    'page-size': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const pageSize = Number(values['page-size']);
const say = (line: string) => console.error(`soak │ ${line}`);
const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(0));

say(`starting the system; then ${minutes} min at ${rate} req/s from ${values.users} users (issue 9 mix)…`);
const { system, logs } = await startBenchSystem();
const api = new ApiClient(system.url.replace('localhost', '127.0.0.1'), { connections: 64 });
const ledger = new EventLedger();
const rows: string[][] = [];
let total = 0;
let errors = 0;
let exitCode = 0;
/** Refreshes answered 503 (serialization conflicts past the service's retries), retried after Retry-After. */
let refreshRetries = 0;
async function renewSession(user: TestUser): Promise<TestUser> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await refresh(api, user);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('answered 503')) throw error;
      refreshRetries++;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
try {
  const { users } = await setUpVirtualUsers(api, ledger, {
    count: Number(values.users),
    seedTodos: 10,
    seed: Number(values.seed),
    port: system.ports.gateway,
  });
  const random = seededRandom(Number(values.seed));
  const rss = () =>
    Object.fromEntries(
      Object.entries(system.pids).map(([part, pid]) => [part, readProcess(pid ?? -1)?.rssBytes]),
    );
  const first = rss();
  let lastRefresh = Date.now();
  for (let minute = 1; minute <= minutes; minute++) {
    // Access tokens live 15 minutes: renew every 10, as the web app does. Streams that end with the old
    // token come back with the new one and resume with Last-Event-ID.
    if (Date.now() - lastRefresh > 10 * 60_000) {
      await mapConcurrent(users, 2, async (user) => {
        const renewed = await renewSession(user.user);
        user.setAccessToken(renewed.accessToken);
        (user.user as { refreshToken: string }).refreshToken = renewed.refreshToken;
      });
      lastRefresh = Date.now();
    }
    const result = await runMixedLoad(users, {
      ratePerSecond: rate,
      durationMs: 60_000,
      mix: DEFAULT_MIX,
      pageSize,
      random,
    });
    total += result.total;
    errors += result.errors;
    const all = OPERATIONS.map((operation) => result.operations[operation].latency);
    const merged = all.reduce((into, recorder) => into.merge(recorder));
    const now = rss();
    const events = ledger.summary();
    rows.push([
      String(minute),
      String(result.total),
      String(result.errors),
      ((100 * result.errors) / Math.max(1, result.total)).toFixed(2),
      merged.percentile(50).toFixed(1),
      merged.percentile(99).toFixed(1),
      mb(now.gateway),
      mb(now.todos),
      mb(now.auth),
      mb(now.web),
      mb(process.memoryUsage().rss),
      `${events.lost}/${events.duplicated}`,
    ]);
    say(
      `minute ${minute}: ${result.total} requests, ${result.errors} errors, gateway ${mb(now.gateway)} MB, todos ${mb(now.todos)} MB`,
    );
  }
  await ledger.drain(15_000);
  const events = ledger.summary();
  const last = rss();
  console.log(`# npm run soak: ${minutes} min, ${rate} req/s offered, ${values.users} users\n`);
  console.log(
    table(
      [
        'min',
        'requests',
        'errors',
        'error %',
        'p50 ms',
        'p99 ms',
        'gateway MB',
        'todos MB',
        'auth MB',
        'web MB',
        'load gen MB',
        'lost/dup*',
      ],
      rows,
    ),
  );
  console.log(
    `\nTotal: ${total} requests, ${errors} errors (${((100 * errors) / Math.max(1, total)).toFixed(3)}%); ` +
      `events ${events.expected} expected, ${events.lost} lost, ${events.duplicated} duplicated; ` +
      `SSE reconnects ${users.reduce((sum, user) => sum + user.reconnects, 0)}; ` +
      `token refreshes answered 503 and retried: ${refreshRetries}.\n` +
      `RSS first → last minute: ${Object.keys(first)
        .map((part) => `${part} ${mb(first[part])} → ${mb(last[part])} MB`)
        .join(', ')}.\n* lost/dup per minute are running totals, counted before the final drain.`,
  );
  for (const user of users) user.closeStream();
  if (events.lost > 0 || events.duplicated > 0) exitCode = 1;
} catch (error) {
  exitCode = 1;
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  for (const line of logs.last()) console.error(line);
} finally {
  await api.close();
  await system.stop();
}
process.exit(exitCode);
