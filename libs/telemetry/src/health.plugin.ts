import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Resolves when a dependency answers, throws (with a short reason) when it does not. */
export type ReadinessCheck = () => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Plugins add what `/readyz` must see working (database, NATS, migrations, upstreams). */
    readinessChecks: Map<string, ReadinessCheck>;
  }
}

const checkTimeoutMs = 2_000;

async function runCheck(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Out of OpenAPI; the cast is for builds that do not load @fastify/swagger's types. */
const hidden = { hide: true } as object;

async function health(app: FastifyInstance) {
  app.decorate('readinessChecks', new Map<string, ReadinessCheck>());
  const readiness = async () => {
    const names = [...app.readinessChecks.keys()];
    const results = await Promise.all([...app.readinessChecks.values()].map(runCheck));
    const checks = Object.fromEntries(names.map((name, index) => [name, results[index]]));
    return { ready: results.every((result) => result === 'ok'), checks };
  };

  for (const server of [app, app.operations]) {
    server.get('/healthz', { schema: hidden, logLevel: 'warn' }, () => ({ status: 'ok' }));
  }
  // The public port says only ready or not: which dependency failed, and how, is for operators.
  app.get('/readyz', { schema: hidden, logLevel: 'warn' }, async (_request, reply) => {
    const { ready } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable' });
  });
  app.operations.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const { ready, checks } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  });
}

/**
 * `/healthz` (process alive) and `/readyz` (every readiness check passes): only the verdict on the public
 * port, each check's answer on the operations port. Other plugins add the checks.
 */
export const healthPlugin = fp(health, { name: 'health', dependencies: ['operations'] });
