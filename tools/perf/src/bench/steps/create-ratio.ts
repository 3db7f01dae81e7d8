import { availableParallelism } from 'node:os';
import { ApiClient } from '../../http/api-client.ts';
import { mapConcurrent, registerUser, type TestUser } from '../../http/users.ts';
import { median } from '../../stats/latency-recorder.ts';
import {
  startMachineCpuSampler,
  startUsageSampler,
  type GroupUsage,
  type ProcessGroup,
} from '../../stats/process-stats.ts';
import { closedLoop, type ClosedLoopResult } from '../closed-loop.ts';
import { preparePgbench } from '../pgbench.ts';

/** CPU time each process spent per request (ms), and how busy the machine was, during one variant. */
export interface CpuCost {
  perRequestMs: Record<string, number>;
  machinePercent: number;
  /** All cores' busy time (every process of every tenant) per request, ms. */
  machinePerRequestMs: number;
}

export interface CreateRound {
  gateway: ClosedLoopResult;
  direct: ClosedLoopResult;
  pgbenchTps: number;
  cpu: { gateway: CpuCost; direct: CpuCost; pgbench: CpuCost };
}

export interface CreateRatioResult {
  rounds: CreateRound[];
  gatewayMedian: number;
  directMedian: number;
  pgbenchMedian: number;
  /** Median over rounds of each round's own ratio (robust to the machine's drift between rounds). */
  gatewayOverPgbench: number;
  gatewayOverDirect: number;
}

export interface CreateRatioOptions {
  gatewayUrl: string;
  todosUrl: string;
  databaseAdminUrl: string;
  clients: number;
  rounds: number;
  roundSeconds: number;
  /** Processes whose CPU per request is reported (gateway, todos, postgres, this generator). */
  groups: ProcessGroup[];
  log: (line: string) => void;
}

/** Runs `work` while sampling CPU; converts CPU % of a core into CPU milliseconds per request. */
async function measured<T>(
  groups: ProcessGroup[],
  work: () => Promise<T>,
  throughputOf: (result: T) => number,
): Promise<{ result: T; cpu: CpuCost }> {
  const sampler = startUsageSampler(groups);
  const machine = startMachineCpuSampler();
  const result = await work();
  const usage: GroupUsage[] = sampler.stop();
  const machinePercent = machine.stop();
  const throughput = throughputOf(result);
  const perRequestMs = Object.fromEntries(
    usage.map((group) => [group.name, throughput > 0 ? (10 * group.cpuPercent) / throughput : Number.NaN]),
  );
  const machinePerRequestMs =
    throughput > 0 ? (10 * machinePercent * availableParallelism()) / throughput : Number.NaN;
  return { result, cpu: { perRequestMs, machinePercent, machinePerRequestMs } };
}

/**
 * POST /api/todos at saturation, `clients` closed-loop clients (one user each, as pgbench's clients are
 * independent), through the gateway and straight to the todos service, against pgbench running the same
 * two INSERTs with as many clients. The variants alternate within each round and the order flips between
 * rounds (A B C, C B A, …), so a noisy neighbour hurts all of them alike.
 */
export async function runCreateRatio(options: CreateRatioOptions): Promise<CreateRatioResult> {
  const gateway = new ApiClient(options.gatewayUrl, { connections: options.clients });
  const direct = new ApiClient(options.todosUrl, { connections: options.clients });
  const pgbench = await preparePgbench(options.databaseAdminUrl);
  try {
    const users: TestUser[] = await mapConcurrent(Array.from({ length: options.clients }), 4, (_, index) =>
      registerUser(gateway, `bench-create${index}`),
    );
    const durationMs = options.roundSeconds * 1000;
    const creates = (api: ApiClient) =>
      closedLoop(
        api,
        options.clients,
        durationMs,
        (worker, sequence) => ({
          method: 'POST',
          path: '/api/todos',
          token: (users[worker] as TestUser).accessToken,
          body: { title: `closed-loop ${sequence}` },
        }),
        201,
      );
    // A short warm-up, so the first round does not pay for JIT compilation and cold connection pools.
    await closedLoop(
      gateway,
      options.clients,
      2_000,
      (worker) => ({
        method: 'POST',
        path: '/api/todos',
        token: (users[worker] as TestUser).accessToken,
        body: { title: 'warm-up' },
      }),
      201,
    );
    const rounds: CreateRound[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const variants = ['gateway', 'direct', 'pgbench'] as const;
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      const result: Partial<CreateRound> = {};
      const cpu: Partial<CreateRound['cpu']> = {};
      for (const variant of order) {
        if (variant === 'pgbench') {
          const run = await measured(
            options.groups,
            () => pgbench.run({ clients: options.clients, threads: 2, seconds: options.roundSeconds }),
            (tps) => tps,
          );
          result.pgbenchTps = run.result;
          cpu.pgbench = run.cpu;
        } else {
          const run = await measured(
            options.groups,
            () => creates(variant === 'gateway' ? gateway : direct),
            (loop) => loop.throughput,
          );
          result[variant] = run.result;
          cpu[variant] = run.cpu;
        }
      }
      result.cpu = cpu as CreateRound['cpu'];
      const complete = result as CreateRound;
      rounds.push(complete);
      options.log(
        `create round ${round + 1}: gateway ${complete.gateway.throughput.toFixed(0)}/s, ` +
          `direct ${complete.direct.throughput.toFixed(0)}/s, pgbench ${complete.pgbenchTps.toFixed(0)} tps` +
          (complete.gateway.failed + complete.direct.failed > 0
            ? ` (failed: ${complete.gateway.failed} gateway, ${complete.direct.failed} direct: ` +
              `${complete.gateway.firstFailure ?? complete.direct.firstFailure ?? ''})`
            : ''),
      );
    }
    return {
      rounds,
      gatewayMedian: median(rounds.map((round) => round.gateway.throughput)),
      directMedian: median(rounds.map((round) => round.direct.throughput)),
      pgbenchMedian: median(rounds.map((round) => round.pgbenchTps)),
      gatewayOverPgbench: median(rounds.map((round) => round.gateway.throughput / round.pgbenchTps)),
      gatewayOverDirect: median(rounds.map((round) => round.gateway.throughput / round.direct.throughput)),
    };
  } finally {
    await pgbench.dispose();
    await gateway.close();
    await direct.close();
  }
}
