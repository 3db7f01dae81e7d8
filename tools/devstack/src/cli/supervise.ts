// Runs the whole system until start.ts (its parent) relays a signal or goes away.
import { startSystem, type RunningSystem } from '../system.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const abort = new AbortController();
let system: RunningSystem | undefined;
let stopping = false;

async function shutDown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nStopping…');
    await system?.stop();
  }
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  if (!system) {
    // Still starting: startSystem stops what it started and rejects; the catch below exits.
    stopping = true;
    abort.abort();
    console.log(`\n${signal}: cancelling start-up…`);
    return;
  }
  void shutDown(0);
}

for (const signal of SIGNALS) process.on(signal, onSignal);
// The IPC channel to start.ts closes when it dies, even by SIGKILL: then nobody is left to stop us.
process.on('disconnect', () => onSignal('SIGHUP'));
process.channel?.unref();

try {
  // DEVSTACK_OWN_SERVERS=1: embedded PostgreSQL and nats-server under .data/, even if the machine runs its own.
  system = await startSystem({ signal: abort.signal, ownServers: process.env.DEVSTACK_OWN_SERVERS === '1' });
} catch (error) {
  if (!abort.signal.aborted)
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(abort.signal.aborted ? 130 : 1);
}

console.log(`\nTodo app ready → ${system.url}  (API docs: ${system.url}/docs)\nPress Ctrl-C to stop.\n`);
const crash = await system.crashed;
console.error(`\n${crash.message}\nEverything else was stopped.`);
process.exit(1);
