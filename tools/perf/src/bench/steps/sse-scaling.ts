import { execFileSync } from 'node:child_process';
import type { ApiClient } from '../../http/api-client.ts';
import { mapConcurrent, registerUser, type TestUser } from '../../http/users.ts';
import { LatencyRecorder, median } from '../../stats/latency-recorder.ts';
import { readProcess, type GroupUsage, type ProcessGroup } from '../../stats/process-stats.ts';
import { RawSseConnection } from '../../sse/raw-sse-connection.ts';
import type { EventLedger } from '../../workload/event-ledger.ts';
import type { VirtualUser } from '../../workload/virtual-user.ts';
import type { LatencyBreakdown } from '../latency-breakdown.ts';
import { runMixedStep } from './mixed.ts';

export interface StreamLevelResult {
  /** Open streams during the measurement: the virtual users' own plus idle ones. */
  streams: number;
  pass: number;
  commitToSse: LatencyRecorder;
  gatewayRssBytes: number;
  gatewayCpuPercent: number;
  /** Seconds to open the idle streams added for this level. */
  openSeconds: number;
  errors: number;
  breakdown?: LatencyBreakdown;
}

export interface SseScalingResult {
  levels: StreamLevelResult[];
  /** Median over passes of the p99 at each level. */
  p99ByStreams: Map<number, number>;
  p50ByStreams: Map<number, number>;
  /** (gateway RSS at the top level − RSS before idle streams) ÷ streams added, first pass. */
  rssPerStreamBytes: number;
  /** The same on the second ascent, when the heap has grown before: what a warm gateway pays. */
  rssPerStreamWarmBytes: number;
  rssBaselineBytes: number;
  idleUsers: number;
  fdLimit: number;
}

export interface SseScalingOptions {
  port: number;
  levels: number[];
  passes: number;
  idleUsers: number;
  rate: number;
  seconds: number;
  pageSize: number;
  seed: number;
  gatewayPid: () => number | undefined;
  /**
   * Restarts the gateway before the first ascent, so "RSS with 0 streams" is a fresh process rather than one
   * whose heap the earlier steps already grew (V8 keeps freed heap, and new streams would fill it for free).
   */
  restartGateway?: () => Promise<void>;
  bus?: { natsUrl: string; namespace: string };
  log: (line: string) => void;
}

/** The soft limit on open files of processes started from here (the gateway inherits it). */
export function openFileLimit(): number {
  try {
    return Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || 1024;
  } catch {
    return 1024;
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Commit → SSE latency of the mixed workload while 100, 1,000 and 10,000 streams are open. The extra streams
 * are idle browsers: `idleUsers` users with many tabs each, reading heartbeats, receiving none of the load's
 * events (so the fan-out per event stays one stream, as with real users). Levels are visited twice in
 * ascending order (A B C A B C); RSS per stream comes from the first ascent, on a freshly started gateway
 * when `restartGateway` is given, and again from the second ascent (a warm heap).
 */
export async function runSseScaling(
  api: ApiClient,
  users: VirtualUser[],
  ledger: EventLedger,
  groups: ProcessGroup[],
  options: SseScalingOptions,
): Promise<SseScalingResult> {
  const fdLimit = openFileLimit();
  // Each stream costs a descriptor here and one in the gateway; leave room for everything else.
  const ceiling = fdLimit - 500;
  const levels = options.levels.map((level) => {
    if (level <= ceiling) return level;
    options.log(`ulimit -n is ${fdLimit}: the ${level}-stream level runs with ${ceiling} streams`);
    return ceiling;
  });
  const idleUsers: TestUser[] = await mapConcurrent(
    Array.from({ length: options.idleUsers }),
    4,
    (_, index) => registerUser(api, `bench-idle${index}`),
  );
  const idle: RawSseConnection[] = [];
  const openIdle = async (count: number) => {
    const started = performance.now();
    const from = idle.length;
    const opened = await mapConcurrent(Array.from({ length: count }), 64, (_, index) =>
      RawSseConnection.open({
        host: '127.0.0.1',
        port: options.port,
        token: (idleUsers[(from + index) % idleUsers.length] as TestUser).accessToken,
        parse: false,
      }),
    );
    idle.push(...opened);
    return (performance.now() - started) / 1000;
  };
  const closeIdle = (keep: number) => {
    for (const stream of idle.splice(keep)) stream.close();
  };
  const gatewayRss = () => readProcess(options.gatewayPid() ?? -1)?.rssBytes ?? 0;
  const gatewayGroup = groups.filter((group) => group.name === 'gateway');

  const results: StreamLevelResult[] = [];
  let rssBaselineBytes = 0;
  let rssPerStreamBytes = Number.NaN;
  let rssPerStreamWarmBytes = Number.NaN;
  let warmBaseline = 0;
  try {
    for (let pass = 0; pass < options.passes; pass++) {
      closeIdle(0);
      if (pass === 0 && options.restartGateway) {
        await options.restartGateway();
        // The users' streams come back on their own, resuming with Last-Event-ID.
        for (const deadline = Date.now() + 60_000; users.some((user) => !user.streamOpen);) {
          if (Date.now() > deadline)
            throw new Error('the users’ streams did not reconnect after the gateway restart');
          await settle(100);
        }
      }
      await settle(2_000);
      if (pass === 0) rssBaselineBytes = gatewayRss();
      else warmBaseline = gatewayRss();
      for (const level of levels) {
        const idleWanted = Math.max(0, level - users.length);
        let openSeconds = 0;
        if (idleWanted > idle.length) openSeconds = await openIdle(idleWanted - idle.length);
        else closeIdle(idleWanted);
        await settle(2_000);
        const open = users.length + idle.filter((stream) => !stream.isClosed).length;
        const rssBefore = gatewayRss();
        const window = new LatencyRecorder();
        const step = await runMixedStep(
          users,
          ledger,
          gatewayGroup,
          {
            rate: options.rate,
            seconds: options.seconds,
            pageSize: options.pageSize,
            seed: options.seed + pass * 100 + level,
            ...(options.bus ? { bus: options.bus } : {}),
          },
          window,
        );
        const gateway: GroupUsage | undefined = step.usage[0];
        results.push({
          streams: open,
          pass: pass + 1,
          commitToSse: window,
          gatewayRssBytes: Math.max(rssBefore, gateway?.rssEndBytes ?? 0),
          gatewayCpuPercent: gateway?.cpuPercent ?? 0,
          openSeconds,
          errors: step.load.errors,
          ...(step.breakdown ? { breakdown: step.breakdown } : {}),
        });
        options.log(
          `SSE pass ${pass + 1}, ${open} streams: commit→SSE p50 ${window.percentile(50).toFixed(1)} ms, ` +
            `p99 ${window.percentile(99).toFixed(1)} ms, gateway RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB` +
            (openSeconds > 0 ? `, opened in ${openSeconds.toFixed(1)} s` : ''),
        );
        if (level === levels[levels.length - 1] && open > users.length) {
          const perStream =
            (rssBefore - (pass === 0 ? rssBaselineBytes : warmBaseline)) / (open - users.length);
          if (pass === 0) rssPerStreamBytes = perStream;
          else if (pass === 1) rssPerStreamWarmBytes = perStream;
        }
      }
    }
  } finally {
    closeIdle(0);
  }
  const byLevel = (pick: (result: StreamLevelResult) => number) =>
    new Map(
      [...new Set(levels)].map((level) => {
        const atLevel = results.filter((result) => Math.abs(result.streams - level) <= level * 0.02 + 1);
        return [level, median(atLevel.map(pick))];
      }),
    );
  return {
    levels: results,
    p99ByStreams: byLevel((result) => result.commitToSse.percentile(99)),
    p50ByStreams: byLevel((result) => result.commitToSse.percentile(50)),
    rssPerStreamBytes,
    rssPerStreamWarmBytes,
    rssBaselineBytes,
    idleUsers: options.idleUsers,
    fdLimit,
  };
}
