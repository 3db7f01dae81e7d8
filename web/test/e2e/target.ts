// The one place that decides what the end-to-end tests talk to.
import { startForwardingProxy } from './forwarding-proxy.ts';
import { startWebServer } from './web-server.ts';

export interface Target {
  /** Origin the browser opens, without a trailing slash, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts what the browser talks to.
 *
 * Today that is the built web server behind a forwarding stand-in for the gateway. When the full system
 * exists, this body becomes "start the stack as `npm start` does and return the gateway's URL"; the tests
 * do not change. `E2E_BASE_URL` points the tests at a system that is already running instead.
 */
export async function startTarget(): Promise<Target> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/+$/, ''), stop: () => Promise.resolve() };

  const web = await startWebServer();
  try {
    const proxy = await startForwardingProxy(new URL(web.url));
    return {
      baseUrl: proxy.url,
      async stop() {
        await proxy.stop();
        await web.stop();
      },
    };
  } catch (error) {
    await web.stop();
    throw error;
  }
}
