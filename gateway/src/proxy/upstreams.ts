import proxy from '@fastify/http-proxy';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config.ts';

/**
 * Services serve their routes under their public prefix (`/api/todos/...`), so the gateway forwards
 * paths unchanged and every OpenAPI path is already the one a client sees.
 */
export async function registerUpstreams(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const http = { requestOptions: { timeout: config.UPSTREAM_TIMEOUT_MS } };
  const forward = (upstream: string, prefix: string) =>
    // One scope per upstream: each proxy brings its own raw body parsers in place of our JSON one,
    // so bodies pass through untouched.
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      await scope.register(proxy, { upstream, prefix, rewritePrefix: prefix === '/' ? '' : prefix, http });
    });
  await forward(config.AUTH_URL, '/api/auth');
  await forward(config.TODOS_URL, '/api/todos');
  // Everything else is the web app: pages, assets, form posts.
  await forward(config.WEB_URL, '/');
}

/** The gateway is ready when every upstream is. */
export function upstreamReadinessChecks(config: GatewayConfig): Record<string, () => Promise<void>> {
  const probe = (url: string) => async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_500) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
  return {
    auth: probe(new URL('/readyz', config.AUTH_URL).href),
    todos: probe(new URL('/readyz', config.TODOS_URL).href),
    web: probe(new URL('/healthz', config.WEB_URL).href),
  };
}
