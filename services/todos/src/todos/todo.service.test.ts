import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFakeTodoStore } from './todo.repository.fake.ts';
import { TodoNotFoundError } from './todo.errors.ts';
import { createTodoService, maxOrder } from './todo.service.ts';

const alice = randomUUID();
const bob = randomUUID();

/** A service over the in-memory store, with a clock that ticks one second per call. */
function setup(options: { conflictsBeforeCommit?: number; quotaPerUser?: number } = {}) {
  const { quotaPerUser = 10_000, ...storeOptions } = options;
  const store = createFakeTodoStore(storeOptions);
  let tick = Date.parse('2026-01-01T00:00:00.000Z');
  const clock = () => new Date((tick += 1000));
  const service = createTodoService({
    repository: store.repository,
    transaction: store.transaction,
    clock,
    quotaPerUser,
  });
  const eventTypes = () => store.committedEvents.map((event) => event.type);
  return { store, service, eventTypes };
}

describe('creating', () => {
  it('appends after the caller’s last todo unless an order is given', async () => {
    const { service } = setup();
    expect((await service.create(alice, { title: 'first' })).order).toBe(0);
    expect((await service.create(alice, { title: 'pinned', order: 10 })).order).toBe(10);
    expect((await service.create(alice, { title: 'next' })).order).toBe(11);
    expect((await service.create(bob, { title: 'bob’s own list' })).order).toBe(0);
  });

  it('stays at the ceiling instead of overflowing the column', async () => {
    const { service } = setup();
    await service.create(alice, { title: 'top', order: maxOrder });
    expect((await service.create(alice, { title: 'after top' })).order).toBe(maxOrder);
  });

  it('records a todo.created event with the todo’s state, for its owner', async () => {
    const { service, store } = setup();
    const todo = await service.create(alice, { title: 'milk', completed: true });
    expect(store.committedEvents).toEqual([
      expect.objectContaining({
        type: 'todo.created',
        subject: todo.id,
        userid: alice,
        source: '/services/todos',
        data: {
          todo: {
            id: todo.id,
            title: 'milk',
            completed: true,
            order: 0,
            createdAt: todo.createdAt.toISOString(),
            updatedAt: todo.createdAt.toISOString(),
          },
        },
      }),
    ]);
  });

  it('refuses a todo past the user’s quota with 409, emits nothing, and admits one again after a delete', async () => {
    const { service, store } = setup({ quotaPerUser: 3 });
    const kept = [];
    for (const title of ['one', 'two', 'three']) kept.push(await service.create(alice, { title }));
    const before = store.committedEvents.length;
    await expect(service.create(alice, { title: 'four' })).rejects.toMatchObject({ status: 409 });
    expect(store.committedEvents).toHaveLength(before);
    await expect(service.create(bob, { title: 'bob is not full' })).resolves.toBeTruthy();
    await service.remove(alice, kept[0]!.id);
    await expect(service.create(alice, { title: 'four' })).resolves.toBeTruthy();
  });

  it('emits once when the transaction had to run again', async () => {
    const { service, store, eventTypes } = setup({ conflictsBeforeCommit: 2 });
    await service.create(alice, { title: 'retried' });
    expect(store.rows.size).toBe(1);
    expect(eventTypes()).toEqual(['todo.created']);
  });

  it('writes the same id on every attempt, so a retry after an ambiguous commit cannot add a second todo', async () => {
    const { service, store } = setup({ conflictsBeforeCommit: 2 });
    const insert = store.repository.insert.bind(store.repository);
    const written: string[] = [];
    store.repository.insert = (todo) => {
      written.push(todo.id);
      return insert(todo);
    };
    const todo = await service.create(alice, { title: 'retried' });
    expect(written).toEqual([todo.id, todo.id, todo.id]);
  });
});

describe('updating one todo', () => {
  it('names exactly the fields that changed, and bumps updatedAt', async () => {
    const { service, store } = setup();
    const todo = await service.create(alice, { title: 'draft' });
    const updated = await service.update(alice, todo.id, { title: 'final', completed: false, order: 3 });
    expect(updated).toMatchObject({ title: 'final', completed: false, order: 3 });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(todo.updatedAt.getTime());
    expect(store.committedEvents.at(-1)?.data).toMatchObject({
      todo: { title: 'final', order: 3, updatedAt: updated.updatedAt.toISOString() },
      changed: ['title', 'order'],
    });
  });

  it('emits nothing and keeps updatedAt when nothing changed', async () => {
    const { service, eventTypes } = setup();
    const todo = await service.create(alice, { title: 'same' });
    expect(await service.update(alice, todo.id, { title: 'same', completed: false })).toEqual(todo);
    expect(await service.update(alice, todo.id, {})).toEqual(todo);
    expect(eventTypes()).toEqual(['todo.created']);
  });

  it('treats another user’s todo, a missing one and a malformed id alike', async () => {
    const { service, store, eventTypes } = setup();
    const todo = await service.create(alice, { title: 'mine' });
    for (const id of [todo.id, randomUUID(), 'nope']) {
      await expect(service.get(bob, id)).rejects.toBeInstanceOf(TodoNotFoundError);
      await expect(service.update(bob, id, { title: 'x' })).rejects.toBeInstanceOf(TodoNotFoundError);
      await expect(service.remove(bob, id)).rejects.toBeInstanceOf(TodoNotFoundError);
    }
    expect(store.rows.get(todo.id)).toEqual(todo);
    expect(eventTypes()).toEqual(['todo.created']);
  });

  it('deletes with a todo.deleted event', async () => {
    const { service, store } = setup();
    const todo = await service.create(alice, { title: 'gone soon' });
    await service.remove(alice, todo.id);
    expect(store.rows.size).toBe(0);
    expect(store.committedEvents.at(-1)).toMatchObject({ type: 'todo.deleted', data: { id: todo.id } });
  });
});

describe('bulk operations', () => {
  it('toggle all changes and announces only the todos that differ, and returns the whole list', async () => {
    const { service, store } = setup();
    const open = await service.create(alice, { title: 'open' });
    await service.create(alice, { title: 'done', completed: true });
    await service.create(bob, { title: 'bob’s' });
    const before = store.committedEvents.length;
    const all = await service.setAllCompleted(alice, true);
    expect(all.map((todo) => [todo.title, todo.completed])).toEqual([
      ['open', true],
      ['done', true],
    ]);
    const events = store.committedEvents.slice(before);
    expect(events.map((event) => [event.type, event.subject, event.data])).toEqual([
      ['todo.updated', open.id, expect.objectContaining({ changed: ['completed'] })],
    ]);
    expect(await service.setAllCompleted(alice, true)).toEqual(all);
    expect(store.committedEvents.length).toBe(before + 1);
    expect((await service.list(bob)).todos[0]?.completed).toBe(false);
  });

  it('clear completed deletes only the caller’s completed todos, one event each', async () => {
    const { service, store } = setup();
    await service.create(alice, { title: 'open' });
    const done = [
      await service.create(alice, { title: 'done 1', completed: true }),
      await service.create(alice, { title: 'done 2', completed: true }),
    ];
    await service.create(bob, { title: 'bob done', completed: true });
    const before = store.committedEvents.length;
    expect(await service.removeAll(alice, { completed: true })).toBe(2);
    expect((await service.list(alice)).todos.map((todo) => todo.title)).toEqual(['open']);
    expect(store.committedEvents.slice(before).map((event) => [event.type, event.subject])).toEqual(
      done.map((todo) => ['todo.deleted', todo.id]),
    );
    expect(await service.removeAll(alice, { completed: true })).toBe(0);
    expect(store.committedEvents.length).toBe(before + 2);
    expect((await service.list(bob)).todos).toHaveLength(1);
  });
});

describe('listing', () => {
  it('pages in list order and says where the next page starts', async () => {
    const { service } = setup();
    for (const order of [2, 1, 2, 0, 1]) await service.create(alice, { title: `o${order}`, order });
    const first = await service.list(alice, { limit: 2 });
    expect(first.todos.map((todo) => todo.order)).toEqual([0, 1]);
    const second = await service.list(alice, { limit: 2, after: first.next });
    expect(second.todos.map((todo) => todo.order)).toEqual([1, 2]);
    const third = await service.list(alice, { limit: 2, after: second.next });
    expect(third.todos.map((todo) => todo.order)).toEqual([2]);
    expect(third.next).toBeUndefined();
    expect([...first.todos, ...second.todos, ...third.todos]).toEqual((await service.list(alice)).todos);
  });
});
