// The list as the page shows it, and every change to it. A change shows at once (optimistic) and is sent
// to the API; when the server refuses it, it is dropped again, so the row shows the server's state (the
// rollback), and a notice says what was not saved. Live events and reloads keep the server's state current.
import type { TodoState } from '@todo-bus/contract';
import { ListState, type Patch } from './list-state.ts';
import type { LiveChange } from './live-events.ts';
import { RequestFailed, type TodoApi } from './todo-api.ts';
import type { TodoItem } from './todo-list.ts';

export interface TodoModelOptions {
  api: TodoApi;
  initial: readonly TodoState[];
  onChange: (items: readonly TodoItem[]) => void;
  onNotice: (message: string) => void;
  /** Whether changes are on their way to the server (true from the first until the last is answered). */
  onBusy?: (busy: boolean) => void;
  now?: () => Date;
}

const quote = (title: string) => `“${title.length > 40 ? `${title.slice(0, 39)}…` : title}”`;

function reason(error: unknown): string {
  return error instanceof RequestFailed ? error.message : 'Something went wrong. Please try again.';
}

export class TodoModel {
  readonly #api: TodoApi;
  readonly #options: TodoModelOptions;
  readonly #state: ListState;
  /** What each new todo's creation resolves to: its id, or null when it failed. */
  readonly #creations = new Map<string, Promise<string | null>>();
  #lastCreation: Promise<unknown> = Promise.resolve();
  /** Changes in flight: "toggle all" and "clear completed" wait for them, the server applies them in order. */
  readonly #inflight = new Set<Promise<unknown>>();
  #items: readonly TodoItem[];
  #sequence = 0;

  constructor(options: TodoModelOptions) {
    this.#options = options;
    this.#api = options.api;
    this.#state = new ListState(options.initial);
    this.#items = this.#state.rows();
  }

  get items(): readonly TodoItem[] {
    return this.#items;
  }

  add(title: string): void {
    const trimmed = title.trim();
    if (!trimmed) return;
    const key = `new-${++this.#sequence}`;
    this.#state.addDraft(key, trimmed, (this.#options.now?.() ?? new Date()).toISOString());
    this.#emit();
    // One at a time, in the order typed: the server puts each new todo after the last one it stored.
    const creation = this.#lastCreation
      .then(() => this.#api.create(trimmed))
      .then(
        (todo) => {
          this.#state.stored(key, todo);
          this.#emit();
          return todo.id;
        },
        (error: unknown) => {
          this.#state.discardDraft(key);
          this.#emit();
          this.#options.onNotice(`${quote(trimmed)} was not added. ${reason(error)}`);
          return null;
        },
      );
    this.#creations.set(key, creation);
    this.#lastCreation = creation;
    this.#track(creation);
  }

  toggle(key: string, completed: boolean): Promise<void> {
    const title = this.#titleOf(key);
    return this.#change(key, { completed }, `${quote(title)} was not updated.`, async (id) => {
      this.#state.accept(await this.#api.update(id, { completed }));
    });
  }

  /** Saves an edit: trimmed; an empty title deletes the todo, as TodoMVC does. */
  rename(key: string, title: string): Promise<void> {
    const trimmed = title.trim();
    if (!trimmed) return this.remove(key);
    const current = this.#titleOf(key);
    if (trimmed === current) return Promise.resolve();
    return this.#change(key, { title: trimmed }, `${quote(current)} was not renamed.`, async (id) => {
      this.#state.accept(await this.#api.update(id, { title: trimmed }));
    });
  }

  remove(key: string): Promise<void> {
    const title = this.#titleOf(key);
    return this.#change(key, { deleted: true }, `${quote(title)} was not deleted.`, async (id) => {
      await this.#api.remove(id);
      this.#state.forget(id);
    });
  }

  /** TodoMVC's toggle-all: every todo completed, or every todo active. */
  toggleAll(completed: boolean): Promise<void> {
    return this.#bulk(this.#items, { completed }, 'The todos were not updated.', async () => {
      for (const todo of await this.#api.setAllCompleted(completed)) this.#state.accept(todo);
    });
  }

  clearCompleted(): Promise<void> {
    const done = this.#items.filter((item) => item.completed);
    return this.#bulk(done, { deleted: true }, 'Completed todos were not cleared.', async () => {
      await this.#api.clearCompleted();
      // Not remembered as deleted: if one was reopened elsewhere meanwhile, its event brings it back.
      for (const item of done) this.#state.drop(this.#state.idOf(item.key) ?? item.key);
    });
  }

  /** A change made anywhere (this tab included), from the live event stream. */
  apply(change: LiveChange): void {
    if (change.type === 'todo.deleted') this.#state.forget(change.id);
    else this.#state.accept(change.todo);
    this.#emit();
  }

  /**
   * Reloads the list from the server, for when live events may have been missed. What the server said
   * while the list was on its way is newer than it and is kept.
   */
  async resync(): Promise<boolean> {
    const touched = this.#state.beginSnapshot();
    const todos = await this.#api.list().catch(() => null);
    const applied = this.#state.endSnapshot(touched, todos);
    if (applied) this.#emit();
    return applied;
  }

  async #change(key: string, patch: Patch, failure: string, send: (id: string) => Promise<void>) {
    this.#state.patch(key, patch);
    this.#emit();
    const work = (async () => {
      const id = await this.#idOf(key);
      // A todo whose creation failed is gone, and the failure was already reported.
      if (id === null) return;
      try {
        await send(id);
      } catch (error) {
        if (error instanceof RequestFailed && error.status === 404) {
          this.#state.forget(id);
          this.#options.onNotice(`${failure} It was deleted elsewhere.`);
        } else {
          this.#options.onNotice(`${failure} ${reason(error)}`);
        }
      }
    })();
    this.#track(work);
    try {
      await work;
    } finally {
      this.#state.unpatch([[key, patch]]);
      this.#emit();
    }
  }

  /** A change of many todos at once; it waits for the changes before it, as the server must see them first. */
  async #bulk(items: readonly TodoItem[], patch: Patch, failure: string, send: () => Promise<void>) {
    const patched = items.map((item): [string, Patch] => [item.key, { ...patch }]);
    for (const [key, itemPatch] of patched) this.#state.patch(key, itemPatch);
    this.#emit();
    const work = (async () => {
      await Promise.allSettled([...this.#inflight]);
      try {
        await send();
      } catch (error) {
        this.#options.onNotice(`${failure} ${reason(error)}`);
      }
    })();
    this.#track(work);
    try {
      await work;
    } finally {
      this.#state.unpatch(patched);
      this.#emit();
    }
  }

  /** The id to send for a row: a new todo's once it is stored (null if that failed). */
  async #idOf(key: string): Promise<string | null> {
    return this.#creations.get(key) ?? this.#state.idOf(key);
  }

  #titleOf(key: string): string {
    return this.#items.find((item) => item.key === key)?.title ?? '';
  }

  #track(work: Promise<unknown>): void {
    this.#inflight.add(work);
    if (this.#inflight.size === 1) this.#options.onBusy?.(true);
    void work.finally(() => {
      this.#inflight.delete(work);
      if (this.#inflight.size === 0) this.#options.onBusy?.(false);
    });
  }

  #emit(): void {
    this.#items = this.#state.rows();
    this.#options.onChange(this.#items);
  }
}
