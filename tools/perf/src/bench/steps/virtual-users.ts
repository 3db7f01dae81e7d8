import type { ApiClient } from '../../http/api-client.ts';
import { logIn, mapConcurrent, registerUser } from '../../http/users.ts';
import { LatencyRecorder } from '../../stats/latency-recorder.ts';
import type { EventLedger } from '../../workload/event-ledger.ts';
import { seededRandom } from '../../workload/mix.ts';
import { VirtualUser } from '../../workload/virtual-user.ts';

export interface VirtualUsersSetup {
  users: VirtualUser[];
  /** POST /api/auth/login through the gateway (argon2id verification), one per user. */
  login: LatencyRecorder;
}

/** Registers `count` users, logs each in once, gives each `seedTodos` todos and one open SSE stream. */
export async function setUpVirtualUsers(
  api: ApiClient,
  ledger: EventLedger,
  { count, seedTodos, seed, port }: { count: number; seedTodos: number; seed: number; port: number },
): Promise<VirtualUsersSetup> {
  const login = new LatencyRecorder();
  const users = await mapConcurrent(Array.from({ length: count }), 4, async (_, index) => {
    const registered = await registerUser(api, `bench-vu${index}`);
    const started = performance.now();
    const user = await logIn(api, registered);
    login.record(performance.now() - started);
    return new VirtualUser(user, api, ledger, seededRandom(seed * 1000 + index));
  });
  await mapConcurrent(users, 8, async (user) => {
    await user.openStream('127.0.0.1', port);
    await user.seed(seedTodos);
  });
  return { users, login };
}
