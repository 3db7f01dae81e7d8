// The page's live feed: an EventSource on /api/events that survives everything short of signing out.
//
// - It remembers the id of the last event, so every reconnection resumes after it (the browser sends
//   Last-Event-ID on its own reconnects; a source this code re-creates gets `?lastEventId=`). The gateway
//   replays what was missed: no change is lost, none is applied twice.
// - A connection with nothing to resume from (the first one) asks for a reload of the list instead, since
//   changes may have happened between the page's rendering and the stream's start.
// - The stream ends when the access token does (`event: end`, reason token-expired), and a refused
//   connection may be an expired cookie: either way the session is renewed first, then it reconnects.
import { liveEventTypes, parseLiveChange, type LiveChange } from './live-events.ts';
import type { RefreshOutcome } from './session-client.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** The part of EventSource this uses (a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

const closed = 2; // EventSource.CLOSED

/** The browser's idea of being online (`navigator.onLine` and the window's online/offline events). */
export interface NetworkState {
  online(): boolean;
  watch(onOnline: () => void, onOffline: () => void): () => void;
}

export interface LiveConnectionOptions {
  url: string;
  createSource: (url: string) => EventSourceLike;
  onChange: (change: LiveChange) => void;
  onStatus: (status: LiveStatus) => void;
  /** Connected with nothing to resume from: changes may have been missed, so reload the list. */
  onResync: () => void;
  refreshSession: () => Promise<RefreshOutcome>;
  onSignedOut: () => void;
  network: NetworkState;
  /** Waits between failed attempts (the last one repeats). */
  retryDelaysMs?: readonly number[];
}

export class LiveConnection {
  readonly #options: LiveConnectionOptions;
  #source: EventSourceLike | null = null;
  #lastEventId: string | null = null;
  #status: LiveStatus = 'connecting';
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #unwatch: (() => void) | undefined;
  #stopped = false;

  constructor(options: LiveConnectionOptions) {
    this.#options = options;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  /** The id of the last event applied (what a reconnection resumes after). */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  start(): void {
    this.#unwatch = this.#options.network.watch(
      () => this.#reconnectNow(),
      () => this.#goOffline(),
    );
    if (this.#options.network.online()) this.#connect();
    else this.#setStatus('offline');
  }

  stop(): void {
    this.#stopped = true;
    this.#unwatch?.();
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = null;
  }

  #connect(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    if (this.#stopped) return;
    const resumeFrom = this.#lastEventId;
    const url =
      resumeFrom === null
        ? this.#options.url
        : `${this.#options.url}?lastEventId=${encodeURIComponent(resumeFrom)}`;
    const source = this.#options.createSource(url);
    this.#source = source;
    const current = () => this.#source === source;

    source.addEventListener('open', () => {
      if (!current()) return;
      this.#failures = 0;
      this.#setStatus('live');
      if (this.#lastEventId === null) this.#options.onResync();
    });
    for (const type of liveEventTypes) {
      source.addEventListener(type, (event) => {
        if (!current()) return;
        if (event.lastEventId) this.#lastEventId = event.lastEventId;
        const change = parseLiveChange(type, event.data);
        if (change) this.#options.onChange(change);
      });
    }
    // The gateway no longer holds the events after our Last-Event-ID (retention): reload instead.
    source.addEventListener('reset', () => {
      if (current()) this.#options.onResync();
    });
    source.addEventListener('end', (event) => {
      if (!current()) return;
      // Closed here, or the browser would reconnect at once with the token that just expired.
      this.#drop();
      if (endReason(event.data) === 'token-expired') void this.#renewThenReconnect();
      else this.#retryLater(false);
    });
    source.addEventListener('error', () => {
      if (!current()) return;
      if (!this.#options.network.online()) return this.#goOffline();
      this.#setStatus('reconnecting');
      // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED: it gave up, which is what a
      // refused connection (401: the cookie expired) looks like from here. The session is renewed once per
      // run of failures, after the usual pause: leaving the page closes the stream too, and a page that is
      // gone runs no timers.
      if (source.readyState === closed) {
        this.#drop();
        this.#retryLater(this.#failures === 0);
      }
    });
  }

  /** Renews the session (the stream ended because the token did, or may have), then reconnects. */
  async #renewThenReconnect(): Promise<void> {
    this.#setStatus('reconnecting');
    const outcome = await this.#options.refreshSession();
    if (this.#stopped) return;
    if (outcome === 'signed-out') return this.#options.onSignedOut();
    this.#connect();
  }

  #retryLater(renew: boolean): void {
    if (this.#stopped) return;
    this.#setStatus(this.#options.network.online() ? 'reconnecting' : 'offline');
    const delays = this.#options.retryDelaysMs ?? [1_000, 2_000, 5_000, 10_000];
    const delay = delays[Math.min(this.#failures, delays.length - 1)] ?? 1_000;
    this.#failures += 1;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (renew ? void this.#renewThenReconnect() : this.#connect()), delay);
  }

  #reconnectNow(): void {
    if (this.#stopped || this.#status === 'live') return;
    this.#failures = 0;
    this.#setStatus('reconnecting');
    this.#connect();
  }

  #goOffline(): void {
    // Nothing can arrive: close now and reconnect (resuming) when the browser is back online.
    this.#drop();
    clearTimeout(this.#timer);
    this.#setStatus('offline');
  }

  #drop(): void {
    this.#source?.close();
    this.#source = null;
  }

  #setStatus(status: LiveStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#options.onStatus(status);
  }
}

function endReason(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' &&
      parsed !== null &&
      'reason' in parsed &&
      typeof parsed.reason === 'string'
      ? parsed.reason
      : null;
  } catch {
    return null;
  }
}
