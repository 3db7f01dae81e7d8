import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Virtual users of the mixed workload, each with one SSE stream. */
  users: number;
  /** Arrivals per second of the mixed workload (open model). */
  rate: number;
  /** Seconds of the mixed workload. */
  seconds: number;
  /** Interleaved rounds of each ratio's variants (A B A B …). */
  rounds: number;
  /** Seconds of each closed-loop round (gateway, direct, pgbench -T). */
  roundSeconds: number;
  /** Closed-loop clients of the create comparison (pgbench -c). */
  clients: number;
  /** Open-stream levels of the SSE step. */
  streams: number[];
  /** Users that hold the extra, idle streams of the SSE step. */
  idleUsers: number;
  /** Seconds of mixed load measured at each stream level. */
  sseSeconds: number;
  /** Todos of the big user in the list comparison. */
  listTodos: number;
  /** Page size of every list request (`?limit=`). */
  pageSize: number;
  /** Todos each virtual user starts with. */
  seedTodos: number;
  /** Steps to run: mixed, create, list, sse. */
  only: Set<string>;
  /** Also write the results as JSON here. */
  json?: string;
  /** Write a V8 CPU profile of every part here (node --cpu-prof), for finding where the time goes. */
  profile?: string;
  seed: number;
}

const STEPS = ['mixed', 'create', 'list', 'sse'] as const;

const usage = `npm run bench -- [options]
  --users N          virtual users of the mixed workload (default 50)
  --rate R           arrivals per second, open model (default 100)
  --seconds S        duration of the mixed workload (default 60)
  --rounds K         interleaved rounds per comparison (default 3)
  --round-seconds S  length of each closed-loop round and of pgbench -T (default 10)
  --clients C        closed-loop clients, as pgbench -c (default 32)
  --streams LIST     open-stream levels of the SSE step (default 100,1000,10000)
  --idle-users N     users holding the idle streams (default 100)
  --sse-seconds S    mixed load measured at each stream level (default 15)
  --list-todos N     todos of the big user in the list comparison (default 10000)
  --page-size N      ?limit= of list requests (default 10)
  --seed-todos N     todos each virtual user starts with (default 10)
  --only LIST        steps to run: ${STEPS.join(',')} (default all)
  --json FILE        also write the results as JSON
  --profile DIR      CPU-profile every part (node --cpu-prof into DIR; open in Chrome DevTools)
  --seed N           random seed (default 1)`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number`);
  return number;
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      'round-seconds': { type: 'string' },
      clients: { type: 'string' },
      streams: { type: 'string' },
      'idle-users': { type: 'string' },
      'sse-seconds': { type: 'string' },
      'list-todos': { type: 'string' },
      'page-size': { type: 'string' },
      'seed-todos': { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
      profile: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const only = new Set((values.only ?? STEPS.join(',')).split(',').map((step) => step.trim()));
  for (const step of only) {
    if (!(STEPS as readonly string[]).includes(step)) throw new Error(`--only: unknown step "${step}"`);
  }
  const streams = (values.streams ?? '100,1000,10000')
    .split(',')
    .map((level) => positive('streams', level, 0));
  return {
    users: positive('users', values.users, 50),
    rate: positive('rate', values.rate, 100),
    seconds: positive('seconds', values.seconds, 60),
    rounds: positive('rounds', values.rounds, 3),
    roundSeconds: positive('round-seconds', values['round-seconds'], 10),
    clients: positive('clients', values.clients, 32),
    streams,
    idleUsers: positive('idle-users', values['idle-users'], 100),
    sseSeconds: positive('sse-seconds', values['sse-seconds'], 15),
    listTodos: positive('list-todos', values['list-todos'], 10_000),
    pageSize: positive('page-size', values['page-size'], 10),
    seedTodos: positive('seed-todos', values['seed-todos'], 10),
    only,
    ...(values.json ? { json: values.json } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    seed: positive('seed', values.seed, 1),
  };
}

export const benchUsage = usage;
