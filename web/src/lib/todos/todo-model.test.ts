import { describe, expect, it } from 'vitest';
import type { TodoState } from '@todo-bus/contract';
import { RequestFailed, type TodoApi } from './todo-api.ts';
import type { TodoItem } from './todo-list.ts';
import { TodoModel } from './todo-model.ts';

const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;

function todo(id: string, fields: Partial<TodoState> = {}): TodoState {
  return { id, title: id, completed: false, order: 0, createdAt: at(0), updatedAt: at(0), ...fields };
}

const refused = (status: number, detail?: string) =>
  new RequestFailed({
    type: 'about:blank',
    title: 'Refused',
    status,
    ...(detail ? { detail } : {}),
  });

/** A call the test answers when it wants to. */
interface Pending<T> {
  args: unknown[];
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A TodoApi whose every call waits for the test to answer it, in `calls[method]`. */
function fakeApi() {
  const calls: Record<string, Array<Pending<unknown>>> = {};
  const call =
    (method: keyof TodoApi) =>
    (...args: unknown[]) =>
      new Promise<never>((resolve, reject) => {
        (calls[method] ??= []).push({ args, resolve, reject });
      });
  const api = {
    list: call('list'),
    create: call('create'),
    update: call('update'),
    remove: call('remove'),
    setAllCompleted: call('setAllCompleted'),
    clearCompleted: call('clearCompleted'),
  } as unknown as TodoApi;
  /** The n-th call of a method (waiting a tick for it to be made). */
  async function nth(method: keyof TodoApi, index = 0): Promise<Pending<unknown>> {
    for (let attempt = 0; attempt < 20 && !calls[method]?.[index]; attempt++) await Promise.resolve();
    const pending = calls[method]?.[index];
    if (!pending) throw new Error(`no call ${index} of ${method}`);
    return pending;
  }
  return { api, calls, nth };
}

function setup(initial: TodoState[] = []) {
  const { api, calls, nth } = fakeApi();
  const notices: string[] = [];
  const busy: boolean[] = [];
  let items: readonly TodoItem[] = [];
  const model = new TodoModel({
    api,
    initial,
    onChange: (next) => (items = next),
    onNotice: (message) => notices.push(message),
    onBusy: (value) => busy.push(value),
    now: () => new Date(at(30)),
  });
  items = model.items;
  const shown = () => items.map((item) => `${item.completed ? '✓ ' : ''}${item.title}`);
  return { model, calls, nth, notices, busy, shown, items: () => items };
}

/** Lets every settled promise run its callbacks. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('adding', () => {
  it('shows the new todo at once, then takes the saved one in its place (same row key)', async () => {
    const { model, nth, shown, items } = setup([todo('a')]);
    model.add('  milk  ');
    expect(shown()).toEqual(['a', 'milk']);
    const key = items()[1]?.key;
    expect(items()[1]?.saving).toBe(true);

    (await nth('create')).resolve(todo('m1', { title: 'milk', order: 1 }));
    await flush();
    expect(items()[1]).toMatchObject({ id: 'm1', key, saving: false });
  });

  it('sends one creation at a time, in the order typed', async () => {
    const { model, calls, nth, shown } = setup();
    model.add('one');
    model.add('two');
    await flush();
    expect(calls.create).toHaveLength(1);
    (await nth('create', 0)).resolve(todo('1', { title: 'one', order: 0 }));
    await flush();
    expect((await nth('create', 1)).args).toEqual(['two']);
    (await nth('create', 1)).resolve(todo('2', { title: 'two', order: 1 }));
    await flush();
    expect(shown()).toEqual(['one', 'two']);
  });

  it('removes it again and says so when the server refuses it', async () => {
    const { model, nth, shown, notices } = setup();
    model.add('x');
    (await nth('create')).reject(refused(400, 'Title must be at most 500 characters'));
    await flush();
    expect(shown()).toEqual([]);
    expect(notices).toEqual(['“x” was not added. Title must be at most 500 characters.']);
  });

  it('does not show a todo twice when its live event arrives before the answer', async () => {
    const { model, nth, items } = setup();
    model.add('milk');
    const key = items()[0]?.key;
    const saved = todo('m1', { title: 'milk' });
    model.apply({ type: 'todo.created', todo: saved });
    expect(items()).toHaveLength(1);
    expect(items()[0]).toMatchObject({ id: 'm1', key });

    (await nth('create')).resolve(saved);
    await flush();
    expect(items()).toHaveLength(1);
    expect(items()[0]).toMatchObject({ id: 'm1', key });
  });

  it('applies a change made before the todo was saved, once it is', async () => {
    const { model, nth, calls, shown, items } = setup();
    model.add('milk');
    const toggled = model.toggle(items()[0]?.key ?? '', true);
    expect(shown()).toEqual(['✓ milk']);
    expect(calls.update).toBeUndefined();

    (await nth('create')).resolve(todo('m1', { title: 'milk' }));
    const update = await nth('update');
    expect(update.args).toEqual(['m1', { completed: true }]);
    expect(shown()).toEqual(['✓ milk']);
    update.resolve(todo('m1', { title: 'milk', completed: true, updatedAt: at(31) }));
    await toggled;
    expect(shown()).toEqual(['✓ milk']);
  });
});

describe('changing', () => {
  it('shows a toggle at once and keeps the saved state', async () => {
    const { model, nth, shown } = setup([todo('a')]);
    const done = model.toggle('a', true);
    expect(shown()).toEqual(['✓ a']);
    (await nth('update')).resolve(todo('a', { completed: true, updatedAt: at(1) }));
    await done;
    expect(shown()).toEqual(['✓ a']);
  });

  it('rolls a refused change back, with a notice', async () => {
    const { model, nth, shown, notices } = setup([todo('a')]);
    const done = model.toggle('a', true);
    (await nth('update')).reject(refused(503));
    await done;
    expect(shown()).toEqual(['a']);
    expect(notices).toEqual(['“a” was not updated. The service is unavailable right now. Please try again.']);
  });

  it('rolls back to what the server has, including what changed elsewhere meanwhile', async () => {
    const { model, nth, shown } = setup([todo('a')]);
    const done = model.toggle('a', true);
    model.apply({
      type: 'todo.updated',
      todo: todo('a', { title: 'a, renamed elsewhere', updatedAt: at(2) }),
    });
    expect(shown()).toEqual(['✓ a, renamed elsewhere']);
    (await nth('update')).reject(refused(500));
    await done;
    expect(shown()).toEqual(['a, renamed elsewhere']);
  });

  it('says so when the todo was deleted elsewhere, and drops it', async () => {
    const { model, nth, shown, notices } = setup([todo('a'), todo('b', { order: 1 })]);
    const done = model.rename('a', 'new title');
    (await nth('update')).reject(refused(404));
    await done;
    expect(shown()).toEqual(['b']);
    expect(notices).toEqual(['“a” was not renamed. It was deleted elsewhere.']);
  });

  it('renames with the trimmed title, ignores an unchanged one, and deletes on an empty one', async () => {
    const { model, nth, calls, shown } = setup([todo('a')]);
    void model.rename('a', '  b  ');
    expect((await nth('update')).args).toEqual(['a', { title: 'b' }]);
    void model.rename('a', 'a ');
    expect(calls.update).toHaveLength(1);

    const removed = model.rename('a', '   ');
    expect(shown()).toEqual([]);
    (await nth('remove')).resolve(undefined);
    await removed;
    expect(shown()).toEqual([]);
  });

  it('brings a todo back when its deletion is refused', async () => {
    const { model, nth, shown, notices } = setup([todo('a')]);
    const done = model.remove('a');
    expect(shown()).toEqual([]);
    (await nth('remove')).reject(refused(0));
    await done;
    expect(shown()).toEqual(['a']);
    expect(notices[0]).toBe('“a” was not deleted. The server could not be reached. Check your connection.');
  });
});

describe('toggle all and clear completed', () => {
  it('toggle-all shows every todo completed at once, and waits for earlier changes before sending', async () => {
    const { model, nth, calls, shown } = setup([todo('a'), todo('b', { order: 1 })]);
    void model.toggle('a', true);
    const all = model.toggleAll(true);
    expect(shown()).toEqual(['✓ a', '✓ b']);
    await flush();
    expect(calls.setAllCompleted).toBeUndefined();

    (await nth('update')).resolve(todo('a', { completed: true, updatedAt: at(1) }));
    const request = await nth('setAllCompleted');
    expect(request.args).toEqual([true]);
    request.resolve([
      todo('a', { completed: true, updatedAt: at(1) }),
      todo('b', { order: 1, completed: true, updatedAt: at(2) }),
    ]);
    await all;
    expect(shown()).toEqual(['✓ a', '✓ b']);
  });

  it('clear completed hides the completed todos at once, and brings them back when refused', async () => {
    const initial = [todo('a', { completed: true }), todo('b', { order: 1 })];
    const first = setup(initial);
    const cleared = first.model.clearCompleted();
    expect(first.shown()).toEqual(['b']);
    (await first.nth('clearCompleted')).resolve(undefined);
    await cleared;
    expect(first.shown()).toEqual(['b']);

    const second = setup(initial);
    const refusedClear = second.model.clearCompleted();
    (await second.nth('clearCompleted')).reject(refused(503));
    await refusedClear;
    expect(second.shown()).toEqual(['✓ a', 'b']);
    expect(second.notices[0]).toMatch(/^Completed todos were not cleared\./);
  });
});

describe('live events', () => {
  it('apply changes from elsewhere, in list order', () => {
    const { model, shown } = setup([todo('a', { order: 1 })]);
    model.apply({ type: 'todo.created', todo: todo('b', { order: 0 }) });
    model.apply({ type: 'todo.updated', todo: todo('a', { order: 1, completed: true, updatedAt: at(1) }) });
    expect(shown()).toEqual(['b', '✓ a']);
    model.apply({ type: 'todo.deleted', id: 'b' });
    expect(shown()).toEqual(['✓ a']);
  });

  it('are idempotent: a replayed or older event changes nothing', () => {
    const { model, shown } = setup([todo('a', { title: 'new', updatedAt: at(5) })]);
    model.apply({ type: 'todo.updated', todo: todo('a', { title: 'old', updatedAt: at(3) }) });
    model.apply({ type: 'todo.created', todo: todo('a', { title: 'oldest', updatedAt: at(0) }) });
    expect(shown()).toEqual(['new']);
    model.apply({ type: 'todo.deleted', id: 'a' });
    model.apply({ type: 'todo.deleted', id: 'a' });
    expect(shown()).toEqual([]);
  });

  it('never bring back a deleted todo', () => {
    const { model, shown } = setup([todo('a')]);
    model.apply({ type: 'todo.deleted', id: 'a' });
    model.apply({ type: 'todo.updated', todo: todo('a', { updatedAt: at(9) }) });
    expect(shown()).toEqual([]);
  });

  it('do not undo a change that is still being saved', async () => {
    const { model, nth, shown } = setup([todo('a')]);
    const done = model.toggle('a', true);
    model.apply({ type: 'todo.updated', todo: todo('a', { title: 'renamed', updatedAt: at(1) }) });
    expect(shown()).toEqual(['✓ renamed']);
    (await nth('update')).resolve(todo('a', { title: 'renamed', completed: true, updatedAt: at(2) }));
    await done;
    expect(shown()).toEqual(['✓ renamed']);
  });
});

describe('busy', () => {
  it('is busy from the first change sent until the last is answered', async () => {
    const { model, nth, busy } = setup([todo('a'), todo('b', { order: 1 })]);
    const first = model.toggle('a', true);
    const second = model.toggle('b', true);
    expect(busy).toEqual([true]);
    (await nth('update', 0)).resolve(todo('a', { completed: true, updatedAt: at(1) }));
    await first;
    expect(busy).toEqual([true]);
    (await nth('update', 1)).reject(refused(500));
    await second;
    await flush();
    expect(busy).toEqual([true, false]);
  });
});

describe('resync', () => {
  it('replaces the list with the server’s, keeping what it heard while the list was on its way', async () => {
    const { model, nth, shown } = setup([todo('gone'), todo('kept', { order: 1 })]);
    const reloaded = model.resync();
    model.apply({ type: 'todo.created', todo: todo('during', { order: 3 }) });
    model.apply({
      type: 'todo.updated',
      todo: todo('kept', { order: 1, title: 'kept, newer', updatedAt: at(5) }),
    });
    (await nth('list')).resolve([todo('kept', { order: 1, updatedAt: at(1) }), todo('fresh', { order: 2 })]);
    expect(await reloaded).toBe(true);
    expect(shown()).toEqual(['kept, newer', 'fresh', 'during']);
  });

  it('does not bring back what was deleted while the list was on its way', async () => {
    const { model, nth, shown } = setup([todo('a')]);
    const reloaded = model.resync();
    model.apply({ type: 'todo.deleted', id: 'a' });
    (await nth('list')).resolve([todo('a')]);
    await reloaded;
    expect(shown()).toEqual([]);
  });

  it('leaves the list alone when the server cannot be reached', async () => {
    const { model, nth, shown } = setup([todo('a')]);
    const reloaded = model.resync();
    (await nth('list')).reject(refused(0));
    expect(await reloaded).toBe(false);
    expect(shown()).toEqual(['a']);
  });
});
