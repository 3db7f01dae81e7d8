import type { TodoEvent } from './todo.events.ts';
import type { TodoFilter, TodoPosition, TodoRecord, TodoRepository } from './todo.repository.ts';
import type { UnitOfWork } from '@todo-bus/events';
import type { TodoWork } from './todo.service.ts';

function inListOrder(a: TodoPosition, b: TodoPosition): number {
  return (
    a.order - b.order ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const matches = (todo: TodoRecord, userId: string, { completed }: TodoFilter = {}) =>
  todo.userId === userId && (completed === undefined || todo.completed === completed);

/**
 * The todo store in memory for unit tests: rows in a Map, events "committed" only when the work
 * succeeds, and rows restored when it throws, as a rolled-back transaction would leave them.
 */
export function createFakeTodoStore(options: { conflictsBeforeCommit?: number } = {}) {
  const rows = new Map<string, TodoRecord>();
  const committedEvents: TodoEvent[] = [];
  let conflicts = options.conflictsBeforeCommit ?? 0;

  const repository: TodoRepository = {
    async findOwned(userId, id) {
      const todo = rows.get(id);
      return todo && todo.userId === userId ? { ...todo } : undefined;
    },
    async list(userId, { after, limit, ...filter } = {}) {
      return [...rows.values()]
        .filter((todo) => matches(todo, userId, filter) && (!after || inListOrder(todo, after) > 0))
        .sort(inListOrder)
        .slice(0, limit)
        .map((todo) => ({ ...todo }));
    },
    async lastOrder(userId) {
      const orders = [...rows.values()].filter((todo) => todo.userId === userId).map((todo) => todo.order);
      return orders.length ? Math.max(...orders) : undefined;
    },
    async countOwned(userId, atMost) {
      return Math.min(atMost, [...rows.values()].filter((todo) => todo.userId === userId).length);
    },
    async insert(todo) {
      rows.set(todo.id, { ...todo });
    },
    async update(todo) {
      if (rows.get(todo.id)?.userId === todo.userId) rows.set(todo.id, { ...todo });
    },
    async setAllCompleted(userId, completed, updatedAt) {
      for (const todo of rows.values()) {
        if (todo.userId === userId && todo.completed !== completed)
          Object.assign(todo, { completed, updatedAt });
      }
    },
    async remove(userId, id) {
      if (rows.get(id)?.userId === userId) rows.delete(id);
    },
    async removeAll(userId, filter) {
      for (const todo of [...rows.values()]) if (matches(todo, userId, filter)) rows.delete(todo.id);
    },
  };

  const transaction: UnitOfWork<TodoWork> = async (work) => {
    for (;;) {
      const snapshot = new Map([...rows].map(([id, todo]) => [id, { ...todo }]));
      const pending: TodoEvent[] = [];
      try {
        const result = await work({ todos: repository, emit: (event) => pending.push(event) });
        // A serialization failure at commit: everything is undone and the work runs again.
        if (conflicts > 0) {
          conflicts--;
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        }
        committedEvents.push(...pending);
        return result;
      } catch (error) {
        rows.clear();
        for (const [id, todo] of snapshot) rows.set(id, todo);
        if ((error as { code?: string }).code !== '40001') throw error;
      }
    }
  };

  return { rows, repository, transaction, committedEvents };
}
