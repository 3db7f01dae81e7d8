import type { LatencyRecorder } from '../../stats/latency-recorder.ts';
import {
  startMachineCpuSampler,
  startUsageSampler,
  type GroupUsage,
  type ProcessGroup,
} from '../../stats/process-stats.ts';
import type { EventLedger, LedgerSummary } from '../../workload/event-ledger.ts';
import { breakDown, type LatencyBreakdown } from '../latency-breakdown.ts';
import { DEFAULT_MIX, seededRandom } from '../../workload/mix.ts';
import { runMixedLoad, type MixedLoadResult } from '../../workload/mixed-load.ts';
import type { VirtualUser } from '../../workload/virtual-user.ts';

export interface MixedStepResult {
  load: MixedLoadResult;
  events: LedgerSummary;
  commitToSse: LatencyRecorder;
  usage: GroupUsage[];
  machineCpuPercent: number;
  drained: boolean;
  failures: string[];
  /** Where commit → SSE time went: before or after the event reached JetStream. */
  breakdown?: LatencyBreakdown;
}

export interface MixedStepOptions {
  rate: number;
  seconds: number;
  pageSize: number;
  seed: number;
  /** How long to wait for the last events after the last answer. */
  drainMs?: number;
  /** The system's bus, to split commit → SSE at the stream. */
  bus?: { natsUrl: string; namespace: string };
}

/** The mixed workload at a fixed arrival rate, with resources sampled throughout and events balanced after. */
export async function runMixedStep(
  users: VirtualUser[],
  ledger: EventLedger,
  groups: ProcessGroup[],
  options: MixedStepOptions,
  window: LatencyRecorder,
): Promise<MixedStepResult> {
  const failures: string[] = [];
  ledger.window = window;
  ledger.windowSamples = [];
  const sampler = startUsageSampler(groups);
  const machine = startMachineCpuSampler();
  const load = await runMixedLoad(users, {
    ratePerSecond: options.rate,
    durationMs: options.seconds * 1000,
    mix: DEFAULT_MIX,
    pageSize: options.pageSize,
    random: seededRandom(options.seed),
    onFailure: (operation, detail) => {
      if (failures.length < 10) failures.push(`${operation}: ${detail}`);
    },
  });
  const usage = sampler.stop();
  const machineCpuPercent = machine.stop();
  const drained = await ledger.drain(options.drainMs ?? 10_000);
  ledger.window = undefined;
  const breakdown = options.bus
    ? await breakDown(options.bus.natsUrl, options.bus.namespace, ledger.windowSamples)
    : undefined;
  return {
    ...(breakdown ? { breakdown } : {}),
    load,
    events: ledger.summary(),
    commitToSse: window,
    usage,
    machineCpuPercent,
    drained,
    failures,
  };
}
