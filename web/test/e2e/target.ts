// The one place that decides what the end-to-end tests talk to: the whole system, started as `npm start`
// starts it (auth, todos, gateway and web, each with its own databases and NATS namespace), on free ports.
// `E2E_BASE_URL` points the tests at a system that is already running instead.
import { startSystem } from '@todo-bus/devstack';

export interface Target {
  /** Origin the browser opens, without a trailing slash, e.g. http://localhost:41234 (the gateway). */
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startTarget(options: { log?: (line: string) => void } = {}): Promise<Target> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: () => Promise.resolve() };

  const system = await startSystem({
    ports: 'free',
    isolated: true,
    ...(options.log ? { log: options.log } : {}),
  });
  return { baseUrl: system.url, stop: () => system.stop() };
}
