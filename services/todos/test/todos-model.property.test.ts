import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxOrder } from '../src/todos/todo.service.ts';
import { callerOf, type Caller, type TodoResponse } from './api.ts';
import { outboxDrained, readTodoEvents, todoStreamEnd } from './events.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';
import { predictable, replay, sortedTodos, stateOf, type ModelTodo } from './todo-model.ts';

let todos: TodosUnderTest;
beforeAll(async () => {
  todos = await startTodos();
});
afterAll(() => todos?.close());

// Small ranges on purpose: equal orders and blank titles are where the rules are.
const title = fc.string({ maxLength: 12 });
const order = fc.integer({ min: -3, max: 3 });
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    title,
    order: fc.option(order),
    completed: fc.option(fc.boolean()),
  }),
  fc.record({
    kind: fc.constant('patch' as const),
    target: fc.nat(),
    changes: fc.record({ title, completed: fc.boolean(), order }, { requiredKeys: [] }),
  }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('toggleAll' as const), completed: fc.boolean() }),
  fc.record({ kind: fc.constant('clearCompleted' as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Applies one operation to the API and to the model, checking the API's answer against the model. */
async function step(api: Caller, model: Map<string, ModelTodo>, op: Operation): Promise<void> {
  const pick = (target: number) =>
    sortedTodos(model.values())[target % Math.max(model.size, 1)]?.id ?? randomUUID();
  switch (op.kind) {
    case 'create': {
      const body = {
        title: op.title,
        ...(op.order === null ? {} : { order: op.order }),
        ...(op.completed === null ? {} : { completed: op.completed }),
      };
      const response = await api.create(body);
      if (op.title.trim() === '') return expect(response.statusCode).toBe(400);
      const created = response.json<TodoResponse>();
      const last = Math.max(...[...model.values()].map((todo) => todo.order));
      const expectedOrder = op.order ?? (model.size === 0 ? 0 : Math.min(last + 1, maxOrder));
      const expected = {
        ...predictable(created),
        title: op.title.trim(),
        completed: op.completed ?? false,
        order: expectedOrder,
      };
      expect(predictable(created)).toEqual(expected);
      model.set(created.id, expected);
      return;
    }
    case 'patch': {
      const id = pick(op.target);
      const response = await api.patch(id, op.changes);
      // The body is validated before the todo is looked up.
      if (op.changes.title?.trim() === '') return expect(response.statusCode).toBe(400);
      const current = model.get(id);
      if (!current) return expect(response.statusCode).toBe(404);
      const next = {
        ...current,
        ...op.changes,
        ...(op.changes.title === undefined ? {} : { title: op.changes.title.trim() }),
      };
      expect(predictable(response.json<TodoResponse>())).toEqual(next);
      model.set(id, next);
      return;
    }
    case 'delete': {
      const id = pick(op.target);
      expect((await api.remove(id)).statusCode).toBe(model.delete(id) ? 204 : 404);
      return;
    }
    case 'toggleAll': {
      for (const todo of model.values()) todo.completed = op.completed;
      const response = await api.setAllCompleted(op.completed);
      expect(response.json<TodoResponse[]>().map(predictable)).toEqual(sortedTodos(model.values()));
      return;
    }
    case 'clearCompleted': {
      for (const todo of [...model.values()]) if (todo.completed) model.delete(todo.id);
      expect((await api.removeAll('?completed=true')).statusCode).toBe(204);
      return;
    }
  }
}

describe('the todos API against a model', () => {
  it('after any sequence of operations, the list equals the model and the replayed events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 15 }), async (operations) => {
        const api = await callerOf(todos);
        const model = new Map<string, ModelTodo>();
        const streamStart = await todoStreamEnd(todos.app);
        for (const op of operations) await step(api, model, op);

        const listed = (await api.list()).json<TodoResponse[]>();
        expect(listed.map(predictable)).toEqual(sortedTodos(model.values()));

        await outboxDrained(todos.app);
        const events = await readTodoEvents(todos.app, { userId: api.userId, afterSeq: streamStart });
        expect(replay(events.map(({ event }) => event))).toEqual(listed.map(stateOf));
      }),
      { numRuns: 25 },
    );
  });
});
