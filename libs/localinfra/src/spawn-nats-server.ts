import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FoundNatsServer } from './nats-server.ts';
import { natsJetStreamAnswers } from './nats-probe.ts';
import { findFreePort } from './ports.ts';
import { waitUntil, withTimeout } from './with-timeout.ts';

/** Debian installs nats-server to /usr/sbin, which is not on every user's PATH. */
const EXTRA_LOCATIONS = ['/usr/sbin/nats-server', '/usr/local/bin/nats-server'];

/** Path of an executable nats-server on PATH or in the usual places, or undefined. */
export function findNatsServerBinary(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = [...onPath.map((dir) => path.join(dir, 'nats-server')), ...EXTRA_LOCATIONS];
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface SpawnNatsServerOptions {
  binary: string;
  /** JetStream store directory, kept between runs when given; otherwise a temp dir removed by stop(). */
  storeDir?: string;
  port?: number;
}

/** Runs `nats-server -js` on 127.0.0.1 and waits until JetStream answers. */
export async function spawnNatsServer(options: SpawnNatsServerOptions): Promise<FoundNatsServer> {
  const tempDir = options.storeDir ? undefined : await mkdtemp(path.join(tmpdir(), 'todo-bus-nats-'));
  const storeDir = options.storeDir ?? tempDir ?? '';
  await mkdir(storeDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const url = `nats://127.0.0.1:${port}`;
  const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
  let server = launch(options.binary, args);
  // If our process dies without calling stop(), the server must not outlive it.
  const killOnExit = () => server.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const answers = () =>
    waitUntil(() => natsJetStreamAnswers(url, 500), {
      what: `nats-server on port ${port}`,
      timeoutMs: 15_000,
      gaveUp: () =>
        server.hasExited()
          ? `it exited: ${server.output().trim().split('\n').slice(-5).join(' | ')}`
          : undefined,
    });

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!server.hasExited()) {
      server.child.kill('SIGTERM');
      await withTimeout(server.exit, 10_000, 'nats-server ignored SIGTERM').catch(() =>
        server.child.kill('SIGKILL'),
      );
    }
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    await answers();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    kind: 'spawned',
    stop,
    faults: {
      get pid() {
        return server.hasExited() ? undefined : server.child.pid;
      },
      async crash() {
        server.child.kill('SIGKILL');
        await server.exit;
      },
      async restart() {
        if (!server.hasExited()) throw new Error('nats-server is still running: crash() it first');
        server = launch(options.binary, args);
        await answers();
      },
    },
  };
}

interface Launched {
  child: ChildProcess;
  /** Settles when the process has exited, or could not be started. */
  exit: Promise<void>;
  hasExited(): boolean;
  output(): string;
}

function launch(binary: string, args: string[]): Launched {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A binary that cannot be executed emits 'error' and never 'exit'.
    child.once('error', (error) => {
      output += error.message;
      resolve();
    });
  });
  void exit.then(() => (exited = true));
  return { child, exit, hasExited: () => exited, output: () => output };
}
