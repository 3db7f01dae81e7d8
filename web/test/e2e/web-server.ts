// Starts the built web server (`node web/build/index.js`) as a child process, as the runtime contract does.
import { spawn } from 'node:child_process';
import { webServerEntry } from './paths.ts';

export interface WebServer {
  /** Where it listens, from its own "Listening on …" line, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Everything it printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WebServerOptions {
  /** Extra environment; PORT defaults to 0 (a free port), HOST is left to the server's own default. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  // The child inherits this environment minus what would change the behaviour under test.
  const { HOST: _host, PORT: _port, NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const child = spawn(process.execPath, [webServerEntry], {
    env: { ...inherited, PORT: '0', SHUTDOWN_TIMEOUT: '2', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`web server did not start within ${options.startTimeoutMs ?? 10_000} ms:\n${output}`),
        ),
      options.startTimeoutMs ?? 10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (http:\/\/\S+)/.exec(output);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`web server exited (${signal ?? `code ${code}`}) before listening:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    throw error;
  });

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
