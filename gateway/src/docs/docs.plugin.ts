import swaggerUi from '@fastify/swagger-ui';
import { registerOpenApi } from '@todo-bus/http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GatewayConfig } from '../config.ts';
import { MergedOpenApi } from './merged-openapi.ts';

export interface DocsOptions {
  config: GatewayConfig;
}

/**
 * `/docs`: Swagger UI of the whole public API, with paths as a client sees them. Not encapsulated: the
 * OpenAPI document describes the routes registered after it, wherever they are.
 */
async function docs(app: FastifyInstance, { config }: DocsOptions) {
  await registerOpenApi(app, {
    title: 'Todo Bus API',
    version: '0.1.0',
    description:
      'The public API, through the gateway. Authenticate with `Authorization: Bearer <accessToken>` from /api/auth/login.',
  });
  const merged = new MergedOpenApi(
    {
      auth: new URL('/openapi.json', config.AUTH_URL).href,
      todos: new URL('/openapi.json', config.TODOS_URL).href,
    },
    app.log,
  );
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    transformSpecificationClone: true,
    transformSpecification: (own) => merged.merge(own),
  });
  app.addHook('onReady', async () => merged.start());
  app.addHook('onClose', async () => merged.stop());
}

export const docsPlugin = fp(docs, { name: 'docs' });
