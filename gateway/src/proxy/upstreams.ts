import proxy from '@fastify/http-proxy';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config.ts';

/**
 * Services serve their routes under their public prefix (`/api/todos/...`), so the gateway forwards
 * paths unchanged and every OpenAPI path is already the one a client sees.
 */
export async function registerUpstreams(app: FastifyInstance, config: GatewayConfig): Promise<void> {
  const http = { requestOptions: { timeout: config.UPSTREAM_TIMEOUT_MS } };
  await app.register(proxy, { upstream: config.AUTH_URL, prefix: '/api/auth', rewritePrefix: '/api/auth', http });
  await app.register(proxy, { upstream: config.TODOS_URL, prefix: '/api/todos', rewritePrefix: '/api/todos', http });
  // Everything else is the web app: pages, assets, form posts.
  await app.register(proxy, { upstream: config.WEB_URL, prefix: '/', http });
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
