import { median, type LatencyRecorder } from '../stats/latency-recorder.ts';
import { OPERATIONS } from '../workload/mix.ts';
import type { BenchOptions } from './options.ts';
import type { CreateRatioResult } from './steps/create-ratio.ts';
import type { ListRatioResult } from './steps/list-ratio.ts';
import type { MixedStepResult } from './steps/mixed.ts';
import type { SseScalingResult } from './steps/sse-scaling.ts';

export interface BenchResults {
  options: BenchOptions;
  startedAt: string;
  login?: LatencyRecorder;
  mixed?: MixedStepResult;
  create?: CreateRatioResult;
  list?: ListRatioResult;
  sse?: SseScalingResult;
  /** Events of the whole run (mixed step and SSE step), balanced after the last drain. */
  events?: { expected: number; delivered: number; lost: number; duplicated: number; unexpected: number };
  totalSeconds: number;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** A Markdown table with aligned columns (readable in a terminal and in the README). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}

const verdict = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'met' : 'MISSED');

export function renderReport(results: BenchResults): string {
  const { options } = results;
  const out: string[] = [];
  out.push(`# npm run bench (${results.startedAt}, ${results.totalSeconds.toFixed(0)} s)`);

  const targets: string[][] = [];
  if (results.create) {
    const { create } = results;
    targets.push([
      `create via gateway ÷ pgbench (same 2 INSERTs, ${options.clients} clients)`,
      `${create.gatewayMedian.toFixed(0)}/s ÷ ${create.pgbenchMedian.toFixed(0)} tps`,
      x(create.gatewayOverPgbench),
      '≥ 0.5×',
      verdict(create.gatewayOverPgbench >= 0.5),
    ]);
    targets.push([
      `create via gateway ÷ direct to todos (${options.clients} clients)`,
      `${create.gatewayMedian.toFixed(0)}/s ÷ ${create.directMedian.toFixed(0)}/s`,
      x(create.gatewayOverDirect),
      '≥ 0.9×',
      verdict(create.gatewayOverDirect >= 0.9),
    ]);
  }
  if (results.list) {
    const { list } = results;
    targets.push([
      `list p50, ${list.bigTodos} ÷ ${list.smallTodos} todos/user (page ${options.pageSize})`,
      `${ms(list.big.percentile(50))} ms ÷ ${ms(list.small.percentile(50))} ms`,
      x(list.ratio),
      '≤ 1.5×',
      verdict(list.ratio <= 1.5),
    ]);
  }
  if (results.sse) {
    const { sse } = results;
    const levels = [...sse.p99ByStreams.keys()];
    for (const level of levels) {
      const top = level === Math.max(...levels);
      targets.push([
        `commit → SSE p99 at ${level} open streams`,
        `p50 ${ms(sse.p50ByStreams.get(level) ?? Number.NaN)} ms`,
        `${ms(sse.p99ByStreams.get(level) ?? Number.NaN)} ms`,
        top ? '≤ 20 ms' : '–',
        top ? verdict((sse.p99ByStreams.get(level) ?? Infinity) <= 20) : '–',
      ]);
    }
    targets.push([
      'gateway RSS per open stream (fresh gateway)',
      `from ${mb(sse.rssBaselineBytes)} MB; warm heap ${(sse.rssPerStreamWarmBytes / 1024).toFixed(1)} KB`,
      `${(sse.rssPerStreamBytes / 1024).toFixed(1)} KB`,
      '≤ 20 KB',
      verdict(sse.rssPerStreamBytes <= 20 * 1024),
    ]);
  }
  if (results.events) {
    const { events } = results;
    targets.push([
      'events lost / duplicated (every acknowledged change)',
      `${events.delivered} of ${events.expected} delivered`,
      `${events.lost} / ${events.duplicated}`,
      '0 / 0',
      verdict(events.lost === 0 && events.duplicated === 0),
    ]);
  }
  if (targets.length > 0) {
    out.push(
      '',
      `## Targets (medians of ${options.rounds} interleaved rounds; SSE levels visited twice)`,
      '',
      table(['measure', 'inputs', 'result', 'target', ''], targets),
    );
  }

  if (results.mixed) {
    const { mixed } = results;
    out.push(
      '',
      `## Mixed workload: ${options.users} users, ${options.rate}/s offered for ${options.seconds} s ` +
        `(open model, Poisson arrivals), page ${options.pageSize}`,
      '',
    );
    const rows = OPERATIONS.map((operation) => {
      const stats = mixed.load.operations[operation];
      return [
        operation,
        String(stats.ok + stats.failed),
        String(stats.failed),
        ms(stats.latency.percentile(50)),
        ms(stats.latency.percentile(99)),
      ];
    });
    if (results.login) {
      rows.push([
        'login (once per user)',
        String(results.login.count),
        '0',
        ms(results.login.percentile(50)),
        ms(results.login.percentile(99)),
      ]);
    }
    rows.push([
      'commit → SSE',
      String(mixed.commitToSse.count),
      '–',
      ms(mixed.commitToSse.percentile(50)),
      ms(mixed.commitToSse.percentile(99)),
    ]);
    if (mixed.breakdown) {
      const { toStream, streamToClient } = mixed.breakdown;
      rows.push([
        '… event time → JetStream',
        String(toStream.count),
        '–',
        ms(toStream.percentile(50)),
        ms(toStream.percentile(99)),
      ]);
      rows.push([
        '… JetStream → SSE client',
        String(streamToClient.count),
        '–',
        ms(streamToClient.percentile(50)),
        ms(streamToClient.percentile(99)),
      ]);
    }
    out.push(table(['operation', 'requests', 'errors', 'p50 ms', 'p99 ms'], rows));
    out.push(
      '',
      `Throughput ${mixed.load.throughput.toFixed(1)} req/s answered (${mixed.load.goodput.toFixed(1)}/s ` +
        `successful); generator lateness p99 ${ms(mixed.load.lateness.percentile(99))} ms. ` +
        `Events: ${mixed.events.expected} expected, ${mixed.events.lost} lost, ${mixed.events.duplicated} duplicated` +
        `${mixed.events.unexpected ? `, ${mixed.events.unexpected} from unacknowledged writes` : ''}.`,
      '',
      table(
        ['process (during the mixed workload)', 'CPU % of one core', 'RSS end MB', 'RSS max MB'],
        mixed.usage.map((usage) => [
          usage.name,
          usage.cpuPercent.toFixed(0),
          mb(usage.rssEndBytes),
          mb(usage.rssMaxBytes),
        ]),
      ),
      '',
      `Machine CPU busy (both cores, every tenant): ${mixed.machineCpuPercent.toFixed(0)}%.`,
    );
    if (mixed.failures.length > 0)
      out.push('', 'First failures:', ...mixed.failures.map((line) => `- ${line}`));
  }

  if (results.create) {
    const { create } = results;
    out.push(
      '',
      `## Create throughput, ${options.clients} closed-loop clients, ${options.roundSeconds} s per variant`,
      '',
      table(
        ['round', 'gateway /s', 'direct /s', 'pgbench tps', 'gateway p50/p99 ms', 'direct p50/p99 ms'],
        create.rounds.map((round, index) => [
          String(index + 1),
          round.gateway.throughput.toFixed(0),
          round.direct.throughput.toFixed(0),
          round.pgbenchTps.toFixed(0),
          `${ms(round.gateway.latency.percentile(50))} / ${ms(round.gateway.latency.percentile(99))}`,
          `${ms(round.direct.latency.percentile(50))} / ${ms(round.direct.latency.percentile(99))}`,
        ]),
      ),
    );
    const names = Object.keys(create.rounds[0]?.cpu.gateway.perRequestMs ?? {});
    const variants = ['gateway', 'direct', 'pgbench'] as const;
    const costOf = (variant: (typeof variants)[number], name: string) =>
      median(create.rounds.map((round) => round.cpu[variant].perRequestMs[name] ?? Number.NaN));
    out.push(
      '',
      'CPU time per create (medians over rounds), in ms of one core: what each request costs each process; ' +
        'the last column is every core’s busy time, whoever used it.',
      '',
      table(
        ['variant', ...names, 'all of these', 'machine busy %', 'machine CPU ms/create'],
        variants.map((variant) => {
          const costs = names.map((name) => costOf(variant, name));
          return [
            variant === 'direct' ? 'direct to todos' : variant,
            ...costs.map((cost) => (Number.isFinite(cost) ? cost.toFixed(2) : '–')),
            costs
              .filter(Number.isFinite)
              .reduce((sum, cost) => sum + cost, 0)
              .toFixed(2),
            median(create.rounds.map((round) => round.cpu[variant].machinePercent)).toFixed(0),
            median(create.rounds.map((round) => round.cpu[variant].machinePerRequestMs)).toFixed(2),
          ];
        }),
      ),
    );
  }

  if (results.list) {
    const { list } = results;
    out.push(
      '',
      `## List latency (GET /api/todos?limit=${options.pageSize} via the gateway, one at a time)`,
      '',
      table(
        ['round', `p50 ms, ${list.smallTodos} todos`, `p50 ms, ${list.bigTodos} todos`, 'ratio'],
        list.smallP50.map((small, index) => [
          String(index + 1),
          ms(small),
          ms(list.bigP50[index] ?? Number.NaN),
          x((list.bigP50[index] ?? Number.NaN) / small),
        ]),
      ),
    );
  }

  if (results.sse) {
    const { sse } = results;
    out.push(
      '',
      `## Commit → SSE at open-stream levels (${options.rate}/s mixed load for ${options.sseSeconds} s each; ` +
        `idle streams spread over ${sse.idleUsers} users; ulimit -n ${sse.fdLimit})`,
      '',
      table(
        [
          'pass',
          'open streams',
          'events',
          'p50 ms',
          'p99 ms',
          '→ JetStream p50/p99',
          'JetStream → SSE p50/p99',
          'gateway CPU %',
          'gateway RSS MB',
          'opened in s',
        ],
        sse.levels.map((level) => [
          String(level.pass),
          String(level.streams),
          String(level.commitToSse.count),
          ms(level.commitToSse.percentile(50)),
          ms(level.commitToSse.percentile(99)),
          level.breakdown
            ? `${ms(level.breakdown.toStream.percentile(50))} / ${ms(level.breakdown.toStream.percentile(99))}`
            : '–',
          level.breakdown
            ? `${ms(level.breakdown.streamToClient.percentile(50))} / ${ms(level.breakdown.streamToClient.percentile(99))}`
            : '–',
          level.gatewayCpuPercent.toFixed(0),
          mb(level.gatewayRssBytes),
          level.openSeconds > 0 ? level.openSeconds.toFixed(1) : '–',
        ]),
      ),
    );
  }
  return out.join('\n');
}
