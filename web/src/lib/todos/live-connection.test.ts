import { exampleEvent, exampleTodoState } from '@todo-bus/contract/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, type EventSourceLike, type LiveStatus } from './live-connection.ts';
import type { LiveChange } from './live-events.ts';
import type { RefreshOutcome } from './session-client.ts';

/** An EventSource the test drives: open it, send it events, fail it. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  readonly #listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  emit(type: string, data = '', lastEventId = ''): void {
    const event = { data, lastEventId } as MessageEvent<string>;
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }

  open(): void {
    this.readyState = 1;
    this.emit('open');
  }

  /** A network failure the browser retries by itself (CONNECTING), or a refusal it gives up on (CLOSED). */
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? 2 : 0;
    this.emit('error');
  }

  /** A todo event as the gateway relays it: the whole CloudEvent, under its type, with the stream sequence. */
  event(id: number, type: string, data: object): void {
    this.emit(type, JSON.stringify(exampleEvent(type, data)), String(id));
  }
}

const todo = exampleTodoState();

function setup(options: { refresh?: RefreshOutcome; online?: boolean } = {}) {
  const sources: FakeSource[] = [];
  const changes: LiveChange[] = [];
  const statuses: LiveStatus[] = [];
  const network = { online: options.online ?? true, goOnline: () => {}, goOffline: () => {} };
  const calls = { resync: 0, refresh: 0, signedOut: 0 };
  const connection = new LiveConnection({
    url: '/api/events',
    createSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    onChange: (change) => changes.push(change),
    onStatus: (status) => statuses.push(status),
    onResync: () => (calls.resync += 1),
    refreshSession: () => {
      calls.refresh += 1;
      return Promise.resolve(options.refresh ?? 'refreshed');
    },
    onSignedOut: () => (calls.signedOut += 1),
    network: {
      online: () => network.online,
      watch(onOnline, onOffline) {
        network.goOnline = () => {
          network.online = true;
          onOnline();
        };
        network.goOffline = () => {
          network.online = false;
          onOffline();
        };
        return () => {};
      },
    },
    retryDelaysMs: [100, 200],
  });
  connection.start();
  const latest = () => {
    const source = sources.at(-1);
    if (!source) throw new Error('no source');
    return source;
  };
  return { connection, sources, latest, changes, statuses, calls, network };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveConnection', () => {
  it('reloads the list when the gateway says the history it would resume from is gone', () => {
    const { latest, calls } = setup();
    latest().open();
    expect(calls.resync).toBe(1);
    latest().emit('reset', JSON.stringify({ reason: 'history-unavailable' }));
    expect(calls.resync).toBe(2);
  });

  it('connects, reloads the list once open (it may have missed changes), and applies events', () => {
    const { latest, changes, statuses, calls } = setup();
    expect(latest().url).toBe('/api/events');
    latest().open();
    expect(statuses).toEqual(['live']);
    expect(calls.resync).toBe(1);

    latest().event(7, 'todo.created', { todo });
    latest().event(8, 'todo.deleted', { id: todo.id });
    expect(changes).toEqual([
      { type: 'todo.created', todo },
      { type: 'todo.deleted', id: todo.id },
    ]);
  });

  it('says it is reconnecting while the browser retries by itself, and needs no reload after an event', () => {
    const { latest, sources, statuses, calls } = setup();
    latest().open();
    latest().event(3, 'todo.created', { todo });
    latest().fail(false);
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(sources).toHaveLength(1);
    // The browser's own reconnection sent Last-Event-ID: the gateway replays, so no reload.
    latest().open();
    expect(statuses.at(-1)).toBe('live');
    expect(calls.resync).toBe(1);
  });

  it('renews the session when the token expires, and resumes after the last event', async () => {
    const { latest, sources, calls } = setup();
    latest().open();
    latest().event(41, 'todo.updated', { todo, changed: ['title'] });
    latest().emit('end', JSON.stringify({ reason: 'token-expired' }));
    expect(sources[0]?.closed).toBe(true);

    await vi.advanceTimersByTimeAsync(0);
    expect(calls.refresh).toBe(1);
    expect(latest().url).toBe('/api/events?lastEventId=41');
    latest().open();
    expect(calls.resync).toBe(1);
  });

  it('treats a refused connection as a possibly expired cookie: renews once (after a pause), then backs off', async () => {
    const { latest, sources, calls, statuses } = setup();
    latest().open();
    latest().event(5, 'todo.created', { todo });
    latest().fail(true);
    expect(statuses.at(-1)).toBe('reconnecting');
    // Not at once: leaving the page closes the stream too, and a page that is gone runs no timers.
    await vi.advanceTimersByTimeAsync(99);
    expect(calls.refresh).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.refresh).toBe(1);
    expect(sources).toHaveLength(2);
    expect(latest().url).toBe('/api/events?lastEventId=5');

    // Refused again: not the session, then. Wait longer, without asking for another refresh.
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(199);
    expect(sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.refresh).toBe(1);
    expect(sources).toHaveLength(3);
    latest().open();
    expect(statuses.at(-1)).toBe('live');
  });

  it('hands over to the login page when the session is over', async () => {
    const { latest, sources, calls } = setup({ refresh: 'signed-out' });
    latest().fail(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.signedOut).toBe(1);
    expect(sources).toHaveLength(1);
  });

  it('goes offline with the browser, and resumes after the last event when back online', () => {
    const { latest, sources, statuses, network } = setup();
    latest().open();
    latest().event(12, 'todo.created', { todo });
    network.goOffline();
    expect(sources[0]?.closed).toBe(true);
    expect(statuses.at(-1)).toBe('offline');

    network.goOnline();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(latest().url).toBe('/api/events?lastEventId=12');
    latest().open();
    expect(statuses.at(-1)).toBe('live');
  });

  it('reconnects after a while when the server restarts', async () => {
    const { latest, sources } = setup();
    latest().open();
    latest().emit('end', JSON.stringify({ reason: 'server-restarting' }));
    await vi.advanceTimersByTimeAsync(99);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
  });

  it('ignores what an old source says once it was replaced, and everything once stopped', () => {
    const { connection, latest, sources, changes, network } = setup();
    const first = latest();
    first.open();
    network.goOffline();
    network.goOnline();
    first.event(1, 'todo.created', { todo });
    expect(changes).toEqual([]);

    connection.stop();
    expect(sources.every((source) => source.closed)).toBe(true);
  });
});
