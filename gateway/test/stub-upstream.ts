import Fastify, { type FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StubUpstream {
  url: string;
  app: FastifyInstance;
  /** What the stub saw, for assertions on forwarded headers. */
  requests: { method: string; url: string; headers: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A stand-in for auth, todos or web that echoes what reached it; `/slow` answers after 2 s. */
export async function startStubUpstream(
  name: string,
  options: { ready?: () => boolean; openapi?: Record<string, unknown> } = {},
): Promise<StubUpstream> {
  const app = Fastify();
  const requests: StubUpstream['requests'] = [];
  app.addHook('onRequest', async (request) => {
    requests.push({ method: request.method, url: request.url, headers: { ...request.headers } });
  });
  app.get('/readyz', async (_request, reply) =>
    reply.code(options.ready?.() === false ? 503 : 200).send({ status: 'ok' }),
  );
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => options.openapi ?? { openapi: '3.1.0', paths: {} });
  app.get('/api/todos/slow', async () => {
    await sleep(2_000);
    return { late: true };
  });
  app.all('/*', async (request) => ({ upstream: name, method: request.method, url: request.url }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app, requests, close: () => app.close() };
}
