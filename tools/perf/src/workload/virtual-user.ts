import type { ApiClient, ApiResponse } from '../http/api-client.ts';
import type { TestUser } from '../http/users.ts';
import { RawSseConnection } from '../sse/raw-sse-connection.ts';
import type { EventLedger, ReceivedEvent } from './event-ledger.ts';
import type { Operation } from './mix.ts';

interface KnownTodo {
  completed: boolean;
  /** A request on it is in flight: the next operation picks another, so every outcome is predictable. */
  busy: boolean;
}

export interface OperationOutcome {
  /** What was actually run (an operation that needs a todo falls back to create when the user has none free). */
  operation: Operation;
  response: ApiResponse;
  ok: boolean;
}

/**
 * One user of the workload: their session, one SSE stream, and what they know of their own todos. Each
 * acknowledged change is entered in the ledger as the event it must cause.
 */
export class VirtualUser {
  readonly user: TestUser;
  readonly #api: ApiClient;
  readonly #ledger: EventLedger;
  readonly #todos = new Map<string, KnownTodo>();
  readonly #random: () => number;
  #stream: RawSseConnection | undefined;
  #lastEventId: string | undefined;
  #streamTarget: { host: string; port: number } | undefined;
  #sequence = 0;
  reconnects = 0;

  constructor(user: TestUser, api: ApiClient, ledger: EventLedger, random: () => number) {
    this.user = user;
    this.#api = api;
    this.#ledger = ledger;
    this.#random = random;
  }

  get todoCount(): number {
    return this.#todos.size;
  }

  /** Opens the user's stream; it reconnects with Last-Event-ID if the server ends it (token expiry). */
  async openStream(host: string, port: number): Promise<void> {
    this.#streamTarget = { host, port };
    this.#stream = await RawSseConnection.open({
      host,
      port,
      token: this.user.accessToken,
      ...(this.#lastEventId ? { lastEventId: this.#lastEventId } : {}),
      onMessage: (message, receivedAt) => {
        if (message.id) this.#lastEventId = message.id;
        if (message.event === 'end') return;
        const event = JSON.parse(message.data) as ReceivedEvent;
        this.#ledger.receive(
          this.user.id,
          event,
          receivedAt,
          this.user.id,
          message.id ? Number(message.id) : undefined,
        );
      },
    });
    const stream = this.#stream;
    void stream.closed.then(() => {
      if (this.#stream !== stream || !this.#streamTarget) return;
      this.reconnects++;
      this.#reconnect(0);
    });
  }

  /** True while the user's stream is connected. */
  get streamOpen(): boolean {
    return this.#stream !== undefined && !this.#stream.isClosed;
  }

  /** Comes back with Last-Event-ID, retrying while the gateway is away (a restart, a deploy) for up to a minute. */
  #reconnect(attempt: number): void {
    const target = this.#streamTarget;
    if (!target || attempt > 240) return;
    setTimeout(() => {
      this.openStream(target.host, target.port).catch(() => this.#reconnect(attempt + 1));
    }, 250);
  }

  closeStream(): void {
    this.#streamTarget = undefined;
    this.#stream?.close();
  }

  /** The user's session was renewed (soak runs outlive an access token). */
  setAccessToken(token: string): void {
    (this.user as { accessToken: string }).accessToken = token;
  }

  async run(operation: Operation, pageSize: number): Promise<OperationOutcome> {
    if (operation === 'list') return this.#list(pageSize);
    if (operation === 'create') return this.#create();
    const id = this.#pickFreeTodo();
    if (id === undefined) return this.#create();
    const todo = this.#todos.get(id) as KnownTodo;
    todo.busy = true;
    try {
      switch (operation) {
        case 'toggle':
          return await this.#change(id, todo, { completed: !todo.completed }, 'toggle');
        case 'rename':
          return await this.#change(id, todo, { title: `renamed ${this.#sequence++}` }, 'rename');
        case 'delete':
          return await this.#delete(id);
      }
    } finally {
      todo.busy = false;
    }
  }

  /** Adds todos before the load starts, so toggles, renames and deletes have something to work on. */
  async seed(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const outcome = await this.#create();
      if (!outcome.ok) throw new Error(`seeding failed: ${outcome.response.status} ${outcome.response.body}`);
    }
  }

  #pickFreeTodo(): string | undefined {
    const ids = [...this.#todos.keys()];
    const start = Math.floor(this.#random() * ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[(start + i) % ids.length] as string;
      if (!this.#todos.get(id)?.busy) return id;
    }
    return undefined;
  }

  async #list(pageSize: number): Promise<OperationOutcome> {
    const response = await this.#api.request({
      method: 'GET',
      path: `/api/todos?limit=${pageSize}`,
      token: this.user.accessToken,
    });
    return { operation: 'list', response, ok: response.status === 200 };
  }

  async #create(): Promise<OperationOutcome> {
    const response = await this.#api.request({
      method: 'POST',
      path: '/api/todos',
      token: this.user.accessToken,
      body: { title: `todo ${this.#sequence++}` },
    });
    const ok = response.status === 201;
    if (ok) {
      const { id } = JSON.parse(response.body) as { id: string };
      this.#todos.set(id, { completed: false, busy: false });
      this.#ledger.expect(this.user.id, 'todo.created', id);
    }
    return { operation: 'create', response, ok };
  }

  async #change(
    id: string,
    todo: KnownTodo,
    changes: { completed?: boolean; title?: string },
    operation: Operation,
  ): Promise<OperationOutcome> {
    const response = await this.#api.request({
      method: 'PATCH',
      path: `/api/todos/${id}`,
      token: this.user.accessToken,
      body: changes,
    });
    const ok = response.status === 200;
    if (ok) {
      if (changes.completed !== undefined) todo.completed = changes.completed;
      this.#ledger.expect(this.user.id, 'todo.updated', id);
    }
    return { operation, response, ok };
  }

  async #delete(id: string): Promise<OperationOutcome> {
    const response = await this.#api.request({
      method: 'DELETE',
      path: `/api/todos/${id}`,
      token: this.user.accessToken,
    });
    const ok = response.status === 204;
    if (ok) {
      this.#todos.delete(id);
      this.#ledger.expect(this.user.id, 'todo.deleted', id);
    }
    return { operation: 'delete', response, ok };
  }
}
