import type { ApiClient } from '../../src/http/api-client.ts';
import { arrivalTimes, runSchedule } from '../../src/workload/arrivals.ts';

export interface BurstResult {
  sent: number;
  /** Ids of the creates that answered 201. */
  acknowledged: string[];
  /** Status (or error code) → count, for everything that was not a 201. */
  failures: Map<string, number>;
}

/**
 * `count` POST /api/todos at a steady rate (open model: a slow or failing answer does not slow the burst),
 * each tried once, spread over the users whose `tokens` are given (one user's concurrent creates conflict
 * on "append after my last todo", which is a different test). `onSent(n)` fires as the n-th is
 * dispatched, so a test can strike mid-burst.
 */
export async function createBurst(
  api: ApiClient,
  tokens: string[],
  { count, ratePerSecond, onSent }: { count: number; ratePerSecond: number; onSent?: (sent: number) => void },
): Promise<BurstResult> {
  const times = arrivalTimes({
    ratePerSecond,
    durationMs: ((count + 0.5) * 1000) / ratePerSecond,
    process: 'uniform',
  }).slice(0, count);
  const acknowledged: string[] = [];
  const failures = new Map<string, number>();
  const fail = (key: string): void => {
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  const create = async (index: number): Promise<void> => {
    try {
      const response = await api.request({
        method: 'POST',
        path: '/api/todos',
        token: tokens[index % tokens.length],
        body: { title: `burst ${index}` },
      });
      if (response.status === 201) acknowledged.push((JSON.parse(response.body) as { id: string }).id);
      else fail(String(response.status));
    } catch (error) {
      fail((error as { code?: string }).code ?? 'error');
    }
  };
  const inFlight: Promise<void>[] = [];
  await runSchedule(times, (index) => {
    onSent?.(index + 1);
    inFlight.push(create(index));
  });
  await Promise.all(inFlight);
  return { sent: times.length, acknowledged, failures };
}
