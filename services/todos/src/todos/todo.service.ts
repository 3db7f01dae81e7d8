import type { UnitOfWork } from '@todo-bus/events';
import { randomUUID } from 'node:crypto';
import { TodoNotFoundError, TodoQuotaExceededError } from './todo.errors.ts';
import { todoCreated, todoDeleted, todoUpdated, type ChangedField, type TodoEvent } from './todo.events.ts';
import type {
  TodoFilter,
  TodoListQuery,
  TodoPosition,
  TodoRecord,
  TodoRepository,
} from './todo.repository.ts';

/** What one unit of work may touch: the todos, and the outbox its events commit with. */
export interface TodoWork {
  todos: TodoRepository;
  emit(event: TodoEvent): void;
}

export interface TodoServiceDeps {
  repository: Pick<TodoRepository, 'findOwned' | 'list'>;
  transaction: UnitOfWork<TodoWork>;
  clock: () => Date;
  /** Todos one user may keep; creating one more answers 409. */
  quotaPerUser: number;
}

export interface NewTodo {
  title: string;
  order?: number | undefined;
  completed?: boolean | undefined;
}

export type TodoChanges = Partial<Pick<TodoRecord, ChangedField>>;

export interface TodoPage {
  todos: TodoRecord[];
  /** Where the next page starts; absent on the last page. */
  next?: TodoPosition;
}

/** The column is int4 (declared, so CockroachDB does not make it INT8); a todo appended after one at the ceiling shares it. */
export const maxOrder = 2 ** 31 - 1;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Another user's todo, a missing one and a malformed id all look the same: not found. */
async function findOwnedOrFail(todos: Pick<TodoRepository, 'findOwned'>, userId: string, id: string) {
  const todo = uuid.test(id) ? await todos.findOwned(userId, id) : undefined;
  if (!todo) throw new TodoNotFoundError();
  return todo;
}

function changedFields(todo: TodoRecord, changes: TodoChanges): ChangedField[] {
  return (['title', 'completed', 'order'] as const).filter(
    (field) => changes[field] !== undefined && changes[field] !== todo[field],
  );
}

/**
 * Deletes the user's todos that match `filter`, one `todo.deleted` event each, inside the caller's
 * transaction. Shared by "clear completed", "delete all" and the purge of a deleted user.
 */
export async function deleteTodosIn(tx: TodoWork, userId: string, filter: TodoFilter, now: Date) {
  const doomed = await tx.todos.list(userId, filter);
  if (doomed.length === 0) return 0;
  await tx.todos.removeAll(userId, filter);
  for (const todo of doomed) tx.emit(todoDeleted(todo, now));
  return doomed.length;
}

/** The todo rules. Every write and its events commit together; an unchanged todo emits nothing. */
export function createTodoService({ repository, transaction, clock, quotaPerUser }: TodoServiceDeps) {
  return {
    async list(userId: string, query: TodoListQuery = {}): Promise<TodoPage> {
      const { limit } = query;
      // One row more than asked tells whether there is a next page without a count.
      const rows = await repository.list(
        userId,
        limit === undefined ? query : { ...query, limit: limit + 1 },
      );
      if (limit === undefined || rows.length <= limit) return { todos: rows };
      const todos = rows.slice(0, limit);
      const last = todos[todos.length - 1] as TodoRecord;
      return { todos, next: { order: last.order, createdAt: last.createdAt, id: last.id } };
    },

    get: (userId: string, id: string) => findOwnedOrFail(repository, userId, id),

    create(userId: string, input: NewTodo): Promise<TodoRecord> {
      // Chosen once, outside the retried work: every attempt writes the same todo, never a second one.
      const id = randomUUID();
      return transaction(async (tx) => {
        const now = clock();
        // Counted in the creating transaction (SERIALIZABLE): two racing creates cannot both take the last slot.
        if ((await tx.todos.countOwned(userId, quotaPerUser)) >= quotaPerUser) {
          throw new TodoQuotaExceededError(quotaPerUser);
        }
        const last = input.order === undefined ? await tx.todos.lastOrder(userId) : undefined;
        const todo: TodoRecord = {
          id,
          userId,
          title: input.title,
          completed: input.completed ?? false,
          order: input.order ?? (last === undefined ? 0 : Math.min(last + 1, maxOrder)),
          createdAt: now,
          updatedAt: now,
        };
        await tx.todos.insert(todo);
        tx.emit(todoCreated(todo));
        return todo;
      });
    },

    update(userId: string, id: string, changes: TodoChanges): Promise<TodoRecord> {
      return transaction(async (tx) => {
        const todo = await findOwnedOrFail(tx.todos, userId, id);
        const changed = changedFields(todo, changes);
        if (changed.length === 0) return todo;
        const updated = { ...todo, ...changes, updatedAt: clock() };
        await tx.todos.update(updated);
        tx.emit(todoUpdated(updated, changed));
        return updated;
      });
    },

    remove(userId: string, id: string): Promise<void> {
      return transaction(async (tx) => {
        const todo = await findOwnedOrFail(tx.todos, userId, id);
        await tx.todos.remove(userId, todo.id);
        tx.emit(todoDeleted(todo, clock()));
      });
    },

    /** TodoMVC "toggle all": returns every todo of the user, in list order. */
    setAllCompleted(userId: string, completed: boolean): Promise<TodoRecord[]> {
      return transaction(async (tx) => {
        const todos = await tx.todos.list(userId);
        const toChange = todos.filter((todo) => todo.completed !== completed);
        if (toChange.length === 0) return todos;
        const now = clock();
        await tx.todos.setAllCompleted(userId, completed, now);
        for (const todo of toChange)
          tx.emit(todoUpdated({ ...todo, completed, updatedAt: now }, ['completed']));
        return todos.map((todo) =>
          todo.completed === completed ? todo : { ...todo, completed, updatedAt: now },
        );
      });
    },

    /** "Delete all", or with `{ completed: true }` TodoMVC's "clear completed". */
    removeAll(userId: string, filter: TodoFilter = {}): Promise<number> {
      return transaction((tx) => deleteTodosIn(tx, userId, filter, clock()));
    },
  };
}

export type TodoService = ReturnType<typeof createTodoService>;
