import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@todo-bus/db';
import { Todo } from './todo.entity.ts';

/** A todo as the service sees it: plain data, no ORM state attached. */
export interface TodoRecord {
  id: string;
  userId: string;
  title: string;
  completed: boolean;
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TodoFilter {
  completed?: boolean;
}

/** Where a todo sits in the list order: (order, createdAt, id), unique thanks to the id. */
export interface TodoPosition {
  order: number;
  createdAt: Date;
  id: string;
}

export interface TodoListQuery extends TodoFilter {
  /** Only todos strictly after this position (keyset pagination). */
  after?: TodoPosition;
  limit?: number;
}

/** Every query takes the owner's id: no method can reach another user's todos. */
export interface TodoRepository {
  findOwned(userId: string, id: string): Promise<TodoRecord | undefined>;
  /** In list order: order, then createdAt, then id. */
  list(userId: string, query?: TodoListQuery): Promise<TodoRecord[]>;
  lastOrder(userId: string): Promise<number | undefined>;
  /** How many todos the user has, counting no further than `atMost`. */
  countOwned(userId: string, atMost: number): Promise<number>;
  insert(todo: TodoRecord): Promise<void>;
  update(todo: TodoRecord): Promise<void>;
  /** Sets `completed` on every todo of the user that does not have it yet. */
  setAllCompleted(userId: string, completed: boolean, updatedAt: Date): Promise<void>;
  remove(userId: string, id: string): Promise<void>;
  removeAll(userId: string, filter?: TodoFilter): Promise<void>;
}

const listOrder = { order: 'asc', createdAt: 'asc', id: 'asc' } as const;

function toRecord(row: Todo): TodoRecord {
  const { id, userId, title, completed, order, createdAt, updatedAt } = row;
  return { id, userId, title, completed, order, createdAt, updatedAt };
}

function ownedBy(userId: string, { completed }: TodoFilter = {}): FilterQuery<Todo> {
  return completed === undefined ? { userId } : { userId, completed };
}

/** The only place that talks to the ORM about todos. Writes are plain statements: no identity map to flush. */
export function createTodoRepository(em: EntityManager): TodoRepository {
  return {
    async findOwned(userId, id) {
      const row = await em.findOne(Todo, { id, userId }, { disableIdentityMap: true });
      return row ? toRecord(row) : undefined;
    },

    async list(userId, { after, limit, ...filter } = {}) {
      const where = ownedBy(userId, filter);
      if (after) {
        // A row-value comparison is one range scan of the keyset index, on PostgreSQL and CockroachDB.
        const afterPosition = raw('(position, created_at, id) > (?, ?, ?)', [
          after.order,
          after.createdAt,
          after.id,
        ]);
        Object.assign(where, { [afterPosition]: [] });
      }
      const rows = await em.find(Todo, where, {
        orderBy: listOrder,
        disableIdentityMap: true,
        ...(limit === undefined ? {} : { limit }),
      });
      return rows.map(toRecord);
    },

    async lastOrder(userId) {
      const [last] = await em.find(
        Todo,
        { userId },
        { orderBy: { order: 'desc' }, limit: 1, fields: ['order'], disableIdentityMap: true },
      );
      return last?.order;
    },

    async countOwned(userId, atMost) {
      // Stops reading the user's index range at `atMost` rows instead of counting all of them.
      const rows = await em.find(
        Todo,
        { userId },
        { fields: ['id'], limit: atMost, disableIdentityMap: true },
      );
      return rows.length;
    },

    async insert(todo) {
      await em.insert(Todo, todo);
    },

    async update({ id, userId, title, completed, order, updatedAt }) {
      await em.nativeUpdate(Todo, { id, userId }, { title, completed, order, updatedAt });
    },

    async setAllCompleted(userId, completed, updatedAt) {
      await em.nativeUpdate(Todo, { userId, completed: !completed }, { completed, updatedAt });
    },

    async remove(userId, id) {
      await em.nativeDelete(Todo, { id, userId });
    },

    async removeAll(userId, filter) {
      await em.nativeDelete(Todo, ownedBy(userId, filter));
    },
  };
}
