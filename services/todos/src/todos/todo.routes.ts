import type { App } from '@todo-bus/http';
import type { FastifyRequest } from 'fastify';
import type { TodoRecord } from './todo.repository.ts';
import { encodeCursor } from './todo.cursor.ts';
import type { TodoService } from './todo.service.ts';
import { routeSchemas, type TodoResponse } from './todo.schemas.ts';

export interface TodoRoutesOptions {
  todos: TodoService;
}

/** `/api/todos` as the client reached it: through the gateway, that is its public scheme and host. */
function collectionUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/api/todos`;
}

function present(todo: TodoRecord, collection: string): TodoResponse {
  const { id, title, completed, order, createdAt, updatedAt } = todo;
  return {
    id,
    title,
    completed,
    order,
    url: `${collection}/${id}`,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** Thin: parse (schemas) → service → reply. Every route needs a verified caller and sees only their todos. */
export async function todoRoutes(app: App, { todos }: TodoRoutesOptions) {
  // onRequest, not preHandler: an anonymous caller learns nothing, not even that their body was invalid.
  app.addHook('onRequest', app.authenticate);

  app.get('', { schema: routeSchemas.list }, async (request, reply) => {
    const { completed, limit, cursor } = request.query;
    const page = await todos.list(request.userId, { completed, limit, after: cursor });
    const collection = collectionUrl(request);
    if (page.next && limit !== undefined) {
      const next = new URLSearchParams({ limit: String(limit), cursor: encodeCursor(page.next) });
      if (completed !== undefined) next.set('completed', String(completed));
      reply.header('link', `<${collection}?${next.toString()}>; rel="next"`);
    }
    return page.todos.map((todo) => present(todo, collection));
  });

  app.post('', { schema: routeSchemas.create }, async (request, reply) => {
    const todo = await todos.create(request.userId, request.body);
    const body = present(todo, collectionUrl(request));
    return reply.code(201).header('location', body.url).send(body);
  });

  app.patch('', { schema: routeSchemas.setAllCompleted }, async (request) => {
    const all = await todos.setAllCompleted(request.userId, request.body.completed);
    const collection = collectionUrl(request);
    return all.map((todo) => present(todo, collection));
  });

  app.delete('', { schema: routeSchemas.removeAll }, async (request, reply) => {
    await todos.removeAll(request.userId, { completed: request.query.completed });
    return reply.code(204).send(null);
  });

  app.get('/:id', { schema: routeSchemas.get }, async (request) => {
    const todo = await todos.get(request.userId, request.params.id);
    return present(todo, collectionUrl(request));
  });

  app.patch('/:id', { schema: routeSchemas.update }, async (request) => {
    const todo = await todos.update(request.userId, request.params.id, request.body);
    return present(todo, collectionUrl(request));
  });

  app.delete('/:id', { schema: routeSchemas.remove }, async (request, reply) => {
    await todos.remove(request.userId, request.params.id);
    return reply.code(204).send(null);
  });
}
