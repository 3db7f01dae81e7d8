import type { ApiClient, ApiRequest } from '../http/api-client.ts';
import { LatencyRecorder } from '../stats/latency-recorder.ts';

export interface ClosedLoopResult {
  /** Requests per second that answered `expected`. */
  throughput: number;
  ok: number;
  failed: number;
  latency: LatencyRecorder;
  firstFailure?: string;
}

/**
 * `workers` clients, each sending its next request as soon as the previous one answered, for `durationMs`:
 * the saturation throughput, comparable with pgbench's `-c` clients.
 */
export async function closedLoop(
  api: ApiClient,
  workers: number,
  durationMs: number,
  requestFor: (worker: number, sequence: number) => ApiRequest,
  expected: number,
): Promise<ClosedLoopResult> {
  const latency = new LatencyRecorder();
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (index: number) => {
    for (let sequence = 0; performance.now() < deadline; sequence++) {
      try {
        const response = await api.request(requestFor(index, sequence));
        if (response.status === expected) {
          ok++;
          latency.record(response.ms);
        } else {
          failed++;
          firstFailure ??= `${response.status} ${response.body.slice(0, 200)}`;
        }
      } catch (error) {
        failed++;
        firstFailure ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
  const seconds = (performance.now() - started) / 1000;
  return {
    throughput: ok / seconds,
    ok,
    failed,
    latency,
    ...(firstFailure ? { firstFailure } : {}),
  };
}
