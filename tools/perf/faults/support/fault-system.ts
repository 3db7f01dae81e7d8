import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem, type RunningSystem, type StartSystemOptions } from '@todo-bus/devstack';

export interface FaultSystem {
  system: RunningSystem;
  /** http://127.0.0.1:<gateway port> */
  gateway: string;
  /** http://127.0.0.1:<todos port>: the service, without the gateway in front. */
  todos: string;
  /** Every line every part printed, prefixed with its name. */
  lines: string[];
  stop(): Promise<void>;
}

/**
 * The whole system, as `npm start` runs it. With `ownServers` it gets its own embedded PostgreSQL and
 * nats-server, in a temp directory removed by stop(), so a test may kill them without touching the
 * machine's shared servers.
 */
export async function startFaultSystem(options: StartSystemOptions = {}): Promise<FaultSystem> {
  const dataDir = options.ownServers ? await mkdtemp(join(tmpdir(), 'todo-bus-faults-')) : undefined;
  const lines: string[] = [];
  try {
    const system = await startSystem({
      ports: 'free',
      isolated: true,
      log: (line) => lines.push(line),
      ...(dataDir ? { dataDir } : {}),
      ...options,
    });
    return {
      system,
      gateway: `http://127.0.0.1:${system.ports.gateway}`,
      todos: `http://127.0.0.1:${system.ports.todos}`,
      lines,
      async stop() {
        await system.stop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw new Error(`the system did not start:\n${lines.slice(-30).join('\n')}`, { cause: error });
  }
}

/** Prints a line of counts in the test output (vitest shows console output next to the test). */
export function report(line: string): void {
  console.log(`faults │ ${line}`);
}
