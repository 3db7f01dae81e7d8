import { LatencyRecorder } from '../stats/latency-recorder.ts';
import { arrivalTimes, runSchedule } from './arrivals.ts';
import { createOperationPicker, OPERATIONS, type Mix, type Operation } from './mix.ts';
import type { VirtualUser } from './virtual-user.ts';

export interface MixedLoadOptions {
  ratePerSecond: number;
  durationMs: number;
  mix: Mix;
  pageSize: number;
  random: () => number;
  /** Called with each failure (status and body), for the run's log. */
  onFailure?: (operation: Operation, detail: string) => void;
}

export interface OperationStats {
  latency: LatencyRecorder;
  ok: number;
  failed: number;
}

export interface MixedLoadResult {
  operations: Record<Operation, OperationStats>;
  /** Answered requests (any status) per second over the schedule's duration. */
  throughput: number;
  /** Requests that got the expected status, per second. */
  goodput: number;
  errors: number;
  total: number;
  /** How late the generator dispatched arrivals: its own saturation shows here. */
  lateness: LatencyRecorder;
}

/**
 * Open-model load: arrivals at a fixed (Poisson) rate, each one an operation of the mix for a random user,
 * dispatched whether or not earlier requests have answered. Resolves when every request has answered.
 */
export async function runMixedLoad(
  users: VirtualUser[],
  options: MixedLoadOptions,
): Promise<MixedLoadResult> {
  const pick = createOperationPicker(options.mix, options.random);
  const operations = Object.fromEntries(
    OPERATIONS.map((operation) => [operation, { latency: new LatencyRecorder(), ok: 0, failed: 0 }]),
  ) as Record<Operation, OperationStats>;
  const times = arrivalTimes({
    ratePerSecond: options.ratePerSecond,
    durationMs: options.durationMs,
    random: options.random,
  });
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  const started = performance.now();
  const schedule = await runSchedule(times, () => {
    const user = users[Math.floor(options.random() * users.length)] as VirtualUser;
    const requested = pick();
    inFlight.push(
      user.run(requested, options.pageSize).then(
        ({ operation, response, ok }) => {
          const stats = operations[operation];
          stats.latency.record(response.ms);
          if (ok) stats.ok++;
          else {
            stats.failed++;
            errors++;
            options.onFailure?.(operation, `${response.status} ${response.body.slice(0, 200)}`);
          }
        },
        (error: unknown) => {
          operations[requested].failed++;
          errors++;
          options.onFailure?.(requested, String(error));
        },
      ),
    );
  });
  const scheduleSeconds = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  const lateness = new LatencyRecorder();
  for (const late of schedule.lateness) lateness.record(late);
  const answered = OPERATIONS.reduce((sum, op) => sum + operations[op].ok + operations[op].failed, 0);
  const good = OPERATIONS.reduce((sum, op) => sum + operations[op].ok, 0);
  return {
    operations,
    throughput: answered / scheduleSeconds,
    goodput: good / scheduleSeconds,
    errors,
    total: answered,
    lateness,
  };
}
