// Open-model load: requests arrive on a schedule of their own, whether or not earlier ones have answered,
// so a slow system meets a growing queue (as with real users) instead of a politely slowing client.

export interface ArrivalOptions {
  /** Arrivals per second. */
  ratePerSecond: number;
  durationMs: number;
  /** Exponential gaps (Poisson arrivals, the default) or evenly spaced ones. */
  process?: 'poisson' | 'uniform';
  random?: () => number;
}

/** Arrival times in ms from the start, ascending, all before durationMs. */
export function arrivalTimes({
  ratePerSecond,
  durationMs,
  process = 'poisson',
  random = Math.random,
}: ArrivalOptions): number[] {
  if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
  const meanGapMs = 1000 / ratePerSecond;
  const times: number[] = [];
  for (let at = 0; ;) {
    at += process === 'uniform' ? meanGapMs : -Math.log(1 - random()) * meanGapMs;
    if (at >= durationMs) return times;
    times.push(at);
  }
}

export interface ScheduleResult {
  started: number;
  /** How late each arrival was dispatched (event-loop and generator lag), in ms. */
  lateness: number[];
}

/**
 * Calls `dispatch(index)` at each arrival time without waiting for earlier calls to finish. A timer wakes up
 * every `tickMs` and dispatches everything due: an arrival is never skipped, only dispatched late, and the
 * lateness is reported so a saturated generator shows up in the results.
 */
export async function runSchedule(
  times: readonly number[],
  dispatch: (index: number) => void,
  {
    tickMs = 2,
    now = () => performance.now(),
    signal,
  }: { tickMs?: number; now?: () => number; signal?: AbortSignal } = {},
): Promise<ScheduleResult> {
  const origin = now();
  const lateness: number[] = [];
  let next = 0;
  while (next < times.length && !signal?.aborted) {
    const elapsed = now() - origin;
    while (next < times.length && (times[next] as number) <= elapsed) {
      lateness.push(elapsed - (times[next] as number));
      dispatch(next++);
    }
    if (next < times.length) {
      const wait = Math.max(0, Math.min(tickMs, (times[next] as number) - (now() - origin)));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return { started: next, lateness };
}
