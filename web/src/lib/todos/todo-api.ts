// The browser's client of /api/todos. Calls go straight to the gateway, which accepts the HttpOnly
// access cookie (and checks the Origin of changes). A 401 renews the cookie once and retries.
import { todoSchema, type Problem, type TodoState, type UpdateTodo } from '@todo-bus/contract';
import type { z } from 'zod';
import { readAnswer } from '../api-answer.ts';
import { problemMessage, readProblem } from '../problem.ts';
import type { SessionClient } from './session-client.ts';
import { toState } from './todo-list.ts';

/** A call the server refused, or that did not reach it (status 0). */
export class RequestFailed extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problemMessage(problem));
    this.name = 'RequestFailed';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** What the list changes of a todo (a part of its PATCH body). */
export type TodoChanges = Pick<UpdateTodo, 'title' | 'completed'>;

export interface TodoApi {
  list(): Promise<TodoState[]>;
  create(title: string): Promise<TodoState>;
  update(id: string, changes: TodoChanges): Promise<TodoState>;
  /** Deleting a todo that is already gone counts as done. */
  remove(id: string): Promise<void>;
  setAllCompleted(completed: boolean): Promise<TodoState[]>;
  clearCompleted(): Promise<void>;
}

const unreachable: Problem = { type: 'about:blank', title: 'Network error', status: 0 };

export function createTodoApi(options: { fetch: typeof globalThis.fetch; session: SessionClient }): TodoApi {
  const { fetch, session } = options;

  async function send(path: string, method: string, body?: unknown): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    try {
      let response = await fetch(path, init);
      if (response.status !== 401) return response;
      const outcome = await session.refresh();
      if (outcome === 'refreshed') response = await fetch(path, init);
      else if (outcome === 'signed-out') session.signedOut();
      return response;
    } catch {
      throw new RequestFailed(unreachable);
    }
  }

  /** A call whose answer has no body (204). */
  async function call(path: string, method: string, body?: unknown): Promise<void> {
    const response = await send(path, method, body);
    if (!response.ok) throw new RequestFailed(await readProblem(response));
  }

  /** A call whose answer the contract's `schema` describes: anything else is a `RequestFailed` too. */
  async function read<S extends z.ZodType>(
    schema: S,
    path: string,
    method: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    const response = await send(path, method, body);
    if (!response.ok) throw new RequestFailed(await readProblem(response));
    const answer = await readAnswer(response, schema, `${method} ${path}`);
    if (!answer.ok) throw new RequestFailed(answer.problem);
    return answer.data;
  }

  const todoList = todoSchema.array();
  const todoPath = (id: string) => `/api/todos/${encodeURIComponent(id)}`;
  return {
    list: async () => (await read(todoList, '/api/todos', 'GET')).map(toState),
    create: async (title) => toState(await read(todoSchema, '/api/todos', 'POST', { title })),
    update: async (id, changes) => toState(await read(todoSchema, todoPath(id), 'PATCH', changes)),
    async remove(id) {
      try {
        await call(todoPath(id), 'DELETE');
      } catch (error) {
        if (!(error instanceof RequestFailed && error.status === 404)) throw error;
      }
    },
    setAllCompleted: async (completed) =>
      (await read(todoList, '/api/todos', 'PATCH', { completed })).map(toState),
    clearCompleted: () => call('/api/todos?completed=true', 'DELETE'),
  };
}
