import { databaseUrlFor } from '@todo-bus/localinfra';
import pg from 'pg';
import type { ApiClient } from '../../http/api-client.ts';
import { registerUser, type TestUser } from '../../http/users.ts';
import { LatencyRecorder, median } from '../../stats/latency-recorder.ts';

export interface ListRatioResult {
  smallTodos: number;
  bigTodos: number;
  /** p50 of each round, ms. */
  smallP50: number[];
  bigP50: number[];
  small: LatencyRecorder;
  big: LatencyRecorder;
  /** Median over rounds of big p50 ÷ small p50. */
  ratio: number;
}

export interface ListRatioOptions {
  databaseAdminUrl: string;
  todosDatabase: string;
  bigTodos: number;
  smallTodos?: number;
  pageSize: number;
  rounds: number;
  requestsPerRound?: number;
}

/** Gives `user` `count` todos straight in the todos database (seeding 10k through the API takes a minute). */
async function insertTodos(databaseUrl: string, user: TestUser, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `insert into todo (id, user_id, title, completed, position, created_at, updated_at)
       select gen_random_uuid(), $1, 'todo ' || n, n % 3 = 0, n,
              now() + n * interval '1 millisecond', now() + n * interval '1 millisecond'
         from generate_series(1, $2) as n`,
      [user.id, count],
    );
    // The planner then knows the table's size, as it would in production after autovacuum.
    await client.query('analyze todo');
  } finally {
    await client.end();
  }
}

/**
 * GET /api/todos?limit=<page> through the gateway for a user with 10 todos and one with 10k, one request
 * at a time (latency, not throughput), alternating small/big rounds. Both get full pages of the same size,
 * so the ratio shows what the user's total costs, not the size of the answer.
 */
export async function runListRatio(api: ApiClient, options: ListRatioOptions): Promise<ListRatioResult> {
  const smallTodos = options.smallTodos ?? 10;
  const requests = options.requestsPerRound ?? 300;
  const databaseUrl = databaseUrlFor(options.databaseAdminUrl, options.todosDatabase);
  const small = await registerUser(api, 'bench-list-small');
  const big = await registerUser(api, 'bench-list-big');
  await insertTodos(databaseUrl, small, smallTodos);
  await insertTodos(databaseUrl, big, options.bigTodos);
  const measure = async (user: TestUser, into: LatencyRecorder) => {
    const round = new LatencyRecorder();
    for (let i = 0; i < requests; i++) {
      const response = await api.request({
        method: 'GET',
        path: `/api/todos?limit=${options.pageSize}`,
        token: user.accessToken,
      });
      if (response.status !== 200) throw new Error(`list answered ${response.status}: ${response.body}`);
      round.record(response.ms);
    }
    into.merge(round);
    return round.percentile(50);
  };
  const all = { small: new LatencyRecorder(), big: new LatencyRecorder() };
  await measure(small, new LatencyRecorder()); // warm-up: JIT, connections, caches
  await measure(big, new LatencyRecorder());
  const smallP50: number[] = [];
  const bigP50: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    if (round % 2 === 0) {
      smallP50.push(await measure(small, all.small));
      bigP50.push(await measure(big, all.big));
    } else {
      bigP50.push(await measure(big, all.big));
      smallP50.push(await measure(small, all.small));
    }
  }
  return {
    smallTodos,
    bigTodos: options.bigTodos,
    smallP50,
    bigP50,
    ...all,
    ratio: median(bigP50.map((p50, index) => p50 / (smallP50[index] as number))),
  };
}
