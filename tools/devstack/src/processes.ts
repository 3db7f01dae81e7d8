// Child processes with line-wise output, a memory of their last lines, and a stop that never leaves one behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createLineSplitter } from './log-format.ts';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  onLine: (name: string, line: string) => void;
}

export interface Child {
  readonly name: string;
  readonly pid: number | undefined;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<Exit>;
  hasExited(): boolean;
  /** The last lines it printed, for error messages. */
  lastLines(): string[];
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<Exit>;
}

const KEPT_LINES = 30;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Last resort if this process exits without stopping its children (an uncaught error, process.exit()). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) signalGroup(child, 'SIGKILL');
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // Each child leads its own process group (detached), so grandchildren get the signal too.
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

export function spawnChild(options: SpawnOptions): Child {
  installExitHook();
  const recent: string[] = [];
  const record = (line: string) => {
    recent.push(line);
    if (recent.length > KEPT_LINES) recent.shift();
    options.onLine(options.name, line);
  };
  // detached: its own process group, so a Ctrl-C in the terminal reaches only us and we stop parts in order.
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  const splitters = [child.stdout, child.stderr].map((stream) => {
    const splitter = createLineSplitter(record);
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => splitter.push(chunk));
    return splitter;
  });
  let exitInfo: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error) => {
      record(`could not start ${options.command}: ${error.message}`);
      exitInfo = { code: 127, signal: null };
      live.delete(child);
      resolve(exitInfo);
    });
    // 'close' (not 'exit') so that the last lines of output have been read.
    child.once('close', (code, signal) => {
      for (const splitter of splitters) splitter.flush();
      exitInfo ??= { code, signal };
      live.delete(child);
      // Anything it left in its group (a grandchild) goes with it.
      signalGroup(child, 'SIGKILL');
      resolve(exitInfo);
    });
  });

  return {
    name: options.name,
    pid: child.pid,
    exited,
    hasExited: () => exitInfo !== undefined,
    lastLines: () => [...recent],
    async stop(graceMs = 5_000) {
      if (exitInfo) return exitInfo;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Runs a command to completion; rejects with its last lines when it fails. */
export async function runToCompletion(
  options: SpawnOptions & { timeoutMs?: number; signal?: AbortSignal },
): Promise<void> {
  const child = spawnChild(options);
  const cancel = () => void child.stop();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.stop();
  }, timeoutMs);
  const exit = await child.exited.finally(() => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  });
  if (options.signal?.aborted) throw new Error('start-up was cancelled');
  if (exit.code === 0 && !timedOut) return;
  const why = timedOut ? `did not finish within ${timeoutMs / 1000}s` : describeExit(exit);
  throw new Error(`${options.name} ${why}. Its last lines:\n${child.lastLines().join('\n')}`);
}
