import { startSystem, type PartName, type RunningSystem, type StartSystemOptions } from '@todo-bus/devstack';
import { pidsNamed, selfGroup, type ProcessGroup } from '../stats/process-stats.ts';

/**
 * Limits a load test must lift: every virtual user comes from 127.0.0.1, so per-IP limits (gateway 1200/min,
 * auth 20/min) would turn the benchmark into a rate-limit test. The fault suite checks the limits themselves.
 */
export const LIFTED_LIMITS = {
  RATE_LIMIT_PER_IP: '100000000',
  RATE_LIMIT_PER_USER: '100000000',
  RATE_LIMIT_PER_ACCOUNT: '100000000',
  // The open-streams step holds 10,000 streams from 127.0.0.1, many tabs per user.
  SSE_MAX_STREAMS_PER_USER: '100000000',
  SSE_MAX_STREAMS_PER_IP: '100000000',
  TODO_QUOTA_PER_USER: '100000000',
};

/** The last lines of every part's output, for the error message when a run fails. */
export class LogTail {
  readonly #lines: string[] = [];
  readonly #keep: number;
  count = 0;

  constructor(keep = 200) {
    this.#keep = keep;
  }

  push = (line: string): void => {
    this.count++;
    this.#lines.push(line);
    if (this.#lines.length > this.#keep * 2) this.#lines.splice(0, this.#lines.length - this.#keep);
  };

  last(count = 40): string[] {
    return this.#lines.slice(-count);
  }
}

export interface BenchSystem {
  system: RunningSystem;
  logs: LogTail;
  /** Each part, the database and NATS server processes, and this load generator. */
  groups(): ProcessGroup[];
}

export async function startBenchSystem(options: StartSystemOptions = {}): Promise<BenchSystem> {
  const logs = new LogTail();
  const system = await startSystem({
    ports: 'free',
    isolated: true,
    log: logs.push,
    ...options,
    env: { ...LIFTED_LIMITS, ...options.env },
  });
  const part = (name: PartName): ProcessGroup => ({
    name,
    pids: () => {
      const pid = system.pids[name];
      return pid === undefined ? [] : [pid];
    },
  });
  return {
    system,
    logs,
    groups: () => [
      part('gateway'),
      part('todos'),
      part('auth'),
      part('web'),
      { name: 'postgres (all of the server)', pids: () => pidsNamed('postgres') },
      { name: 'nats-server (all on the machine)', pids: () => pidsNamed('nats-server') },
      selfGroup,
    ],
  };
}
