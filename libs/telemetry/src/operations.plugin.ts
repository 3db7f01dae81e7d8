import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The part's operations server: `/metrics`, detailed `/readyz` and `/healthz` for Prometheus and the
     * kubelet, on its own port (OPERATIONS_PORT) that the gateway and the Ingress never route. It never
     * listens by itself: main.ts does (runServer), tests inject.
     */
    operations: FastifyInstance;
  }
}

async function operations(app: FastifyInstance) {
  const server = Fastify({ loggerInstance: app.log.child({ component: 'operations' }) });
  app.decorate('operations', server);
  app.addHook('onReady', async () => {
    await server.ready();
  });
  app.addHook('onClose', async () => {
    await server.close();
  });
}

export const operationsPlugin = fp(operations, { name: 'operations' });
