// The bookkeeping behind the list: what the server has (from answers, live events and snapshots), the new
// todos not stored yet, and the changes sent but not answered. The rows are computed from the three.
import type { TodoState } from '@todo-bus/contract';
import { compareTodos, isNewer, nextOrder, type TodoItem } from './todo-list.ts';

/** A change shown before the server has answered it. */
export interface Patch {
  title?: string;
  completed?: boolean;
  deleted?: boolean;
}

export class ListState {
  /** The server's state, as last heard. */
  readonly #server = new Map<string, TodoState>();
  /** New todos not stored yet, under a local key. */
  readonly #drafts = new Map<string, TodoState>();
  /** A draft's key and its stored todo's id, both ways: the row keeps the key. */
  readonly #idOfKey = new Map<string, string>();
  readonly #keyOfId = new Map<string, string>();
  /** Changes sent and not answered yet, by row key. */
  readonly #patches = new Map<string, Patch[]>();
  /** Ids known to be deleted: a late or replayed event must not bring them back (ids are never reused). */
  readonly #deleted = new Set<string>();
  /** Ids the server told about while a snapshot was on its way (they are newer than it). */
  #touched: Set<string> | null = null;

  constructor(initial: readonly TodoState[]) {
    for (const todo of initial) this.#server.set(todo.id, todo);
  }

  addDraft(key: string, title: string, at: string): void {
    const order = nextOrder([...this.#server.values(), ...this.#drafts.values()]);
    this.#drafts.set(key, { id: key, title, completed: false, order, createdAt: at, updatedAt: at });
  }

  /** The draft was stored as `todo`: the row shows it from now on, under the draft's key. */
  stored(key: string, todo: TodoState): void {
    this.#link(key, todo.id);
    this.#drafts.delete(key);
    this.accept(todo);
  }

  /** The draft could not be stored: it goes, with whatever was changed on it. */
  discardDraft(key: string): void {
    this.#drafts.delete(key);
    this.#patches.delete(key);
    this.#unlink(key);
  }

  /** The stored todo a row shows, if known yet. */
  idOf(key: string): string | null {
    return this.#idOfKey.get(key) ?? (this.#server.has(key) ? key : null);
  }

  patch(key: string, patch: Patch): void {
    const patches = this.#patches.get(key) ?? [];
    patches.push(patch);
    this.#patches.set(key, patches);
  }

  unpatch(patched: ReadonlyArray<readonly [string, Patch]>): void {
    for (const [key, patch] of patched) {
      const rest = (this.#patches.get(key) ?? []).filter((candidate) => candidate !== patch);
      if (rest.length > 0) this.#patches.set(key, rest);
      else this.#patches.delete(key);
    }
  }

  /** Takes in a todo the server sent, unless something newer (or its deletion) was heard already. */
  accept(todo: TodoState): void {
    if (this.#deleted.has(todo.id)) return;
    this.#touched?.add(todo.id);
    if (!this.#server.has(todo.id) && !this.#keyOfId.has(todo.id)) this.#adoptDraft(todo);
    if (isNewer(todo, this.#server.get(todo.id))) this.#server.set(todo.id, todo);
  }

  /** The todo is deleted, for good. */
  forget(id: string): void {
    this.#deleted.add(id);
    this.#touched?.add(id);
    this.#server.delete(id);
  }

  /** The todo is gone as far as we know, but its events may still say otherwise. */
  drop(id: string): void {
    this.#server.delete(id);
  }

  /** Starts listening for what arrives while a snapshot of the list is on its way. */
  beginSnapshot(): Set<string> {
    this.#touched = new Set();
    return this.#touched;
  }

  /**
   * Takes in the snapshot started with `touched`, keeping what was heard meanwhile. False when a newer
   * snapshot started since (it will apply, and knows better) or when this one failed (`todos` null).
   */
  endSnapshot(touched: Set<string>, todos: readonly TodoState[] | null): boolean {
    if (this.#touched !== touched) return false;
    this.#touched = null;
    if (!todos) return false;
    const listed = new Set(todos.map((todo) => todo.id));
    for (const id of [...this.#server.keys()]) {
      if (!listed.has(id) && !touched.has(id)) this.#server.delete(id);
    }
    for (const todo of todos) this.accept(todo);
    return true;
  }

  rows(): TodoItem[] {
    const items: TodoItem[] = [];
    const add = (key: string, state: TodoState, saving: boolean) => {
      const item: TodoItem = { ...state, key, saving };
      for (const patch of this.#patches.get(key) ?? []) {
        if (patch.deleted) return;
        if (patch.title !== undefined) item.title = patch.title;
        if (patch.completed !== undefined) item.completed = patch.completed;
      }
      items.push(item);
    };
    for (const [key, draft] of this.#drafts) if (!this.#idOfKey.has(key)) add(key, draft, true);
    for (const todo of this.#server.values()) add(this.#keyOfId.get(todo.id) ?? todo.id, todo, false);
    return items.sort(compareTodos);
  }

  /**
   * The event of our own new todo can come before the answer to its POST: the draft with that title takes
   * the todo's place rather than showing twice. (Should it be another tab's todo of the same title, the
   * POST's answer links the draft to the right one.)
   */
  #adoptDraft(todo: TodoState): void {
    for (const [key, draft] of this.#drafts) {
      if (!this.#idOfKey.has(key) && draft.title === todo.title) {
        this.#link(key, todo.id);
        return;
      }
    }
  }

  #link(key: string, id: string): void {
    this.#unlink(key);
    this.#idOfKey.set(key, id);
    this.#keyOfId.set(id, key);
  }

  #unlink(key: string): void {
    const id = this.#idOfKey.get(key);
    if (id === undefined) return;
    this.#idOfKey.delete(key);
    this.#keyOfId.delete(id);
  }
}
