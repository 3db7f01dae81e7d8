// `npm start`: the whole system on this machine, until Ctrl-C.
//
// Ctrl-C signals the terminal's whole foreground process group, which would include the servers that
// libraries spawn for the run (embedded PostgreSQL, nats-server): they would die before the parts using them
// could drain. So the real work runs in supervise.ts, in a process group of its own, and this process only
// relays signals to it: it stops the parts first and the servers last.
import { spawn } from 'node:child_process';

const supervisor = spawn(process.execPath, [new URL('./supervise.ts', import.meta.url).pathname], {
  detached: true,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => supervisor.kill(signal));
}
supervisor.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
