import { buildAsyncApiDocument } from '@todo-bus/events';
import type { FastifyInstance } from 'fastify';

/**
 * `/docs/events`: the AsyncAPI 3 document of the events on the bus, generated from the event catalog the
 * gateway is built with (the same document as libs/events/asyncapi.json).
 */
export async function eventsDocumentRoutes(app: FastifyInstance) {
  const document = JSON.stringify(buildAsyncApiDocument());
  app.get('/docs/events', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(document),
  );
}
