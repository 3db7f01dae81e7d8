import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { TodoResponse } from '../src/todos/todo.schemas.ts';
import type { TodosUnderTest } from './harness.ts';

export type { TodoResponse };

type Body = InjectOptions['payload'];

/** One signed-in user calling the todos API through `app.inject`, as the gateway would forward it. */
export async function callerOf(todos: TodosUnderTest, userId: string = randomUUID()) {
  const token = await todos.issuer.sign(userId);
  const send = (method: InjectOptions['method'], url: string, payload?: Body, headers = {}) =>
    todos.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
  return {
    userId,
    send,
    create: (body: Body) => send('POST', '/api/todos', body),
    list: (query = '') => send('GET', `/api/todos${query}`),
    get: (id: string) => send('GET', `/api/todos/${id}`),
    patch: (id: string, body: Body) => send('PATCH', `/api/todos/${id}`, body),
    remove: (id: string) => send('DELETE', `/api/todos/${id}`),
    setAllCompleted: (completed: boolean) => send('PATCH', '/api/todos', { completed }),
    removeAll: (query = '') => send('DELETE', `/api/todos${query}`),
    /** Creates a todo and returns it, failing loudly if the API refused. */
    async add(body: Record<string, unknown>): Promise<TodoResponse> {
      const response = await send('POST', '/api/todos', body);
      if (response.statusCode !== 201)
        throw new Error(`create failed: ${response.statusCode} ${response.body}`);
      return response.json<TodoResponse>();
    },
    async titles(query = ''): Promise<string[]> {
      return (await send('GET', `/api/todos${query}`)).json<TodoResponse[]>().map((todo) => todo.title);
    },
  };
}

export type Caller = Awaited<ReturnType<typeof callerOf>>;

/** The parts of a problem+json answer a client acts on. */
export function problemOf(response: LightMyRequestResponse) {
  const errors = response.json<{ errors?: { field: string; message: string }[] }>().errors ?? [];
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    fields: errors.map((error) => error.field),
    messages: errors.map((error) => error.message),
  };
}
