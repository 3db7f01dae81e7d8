// Wires the list page together in the browser: the model (optimistic changes), the todos API, the live
// feed and the session, with their state as runes for the components.
import type { TodoState } from '@todo-bus/contract';
import { LiveConnection, type LiveStatus, type NetworkState } from './live-connection.ts';
import {
  createSessionClient,
  sessionChannelName,
  signedOutMessage,
  type SessionClient,
} from './session-client.ts';
import { createTodoApi } from './todo-api.ts';
import type { TodoItem } from './todo-list.ts';
import { TodoModel } from './todo-model.ts';

export interface Notice {
  id: number;
  text: string;
}

const browserNetwork: NetworkState = {
  online: () => navigator.onLine,
  watch(onOnline, onOffline) {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  },
};

export class TodoPage {
  items = $state.raw<readonly TodoItem[]>([]);
  notice = $state.raw<Notice | null>(null);
  live = $state<LiveStatus>('connecting');
  /** Changes are being saved. */
  busy = $state(false);
  readonly model: TodoModel;
  readonly #session: SessionClient;
  #channel: BroadcastChannel | undefined;
  #notices = 0;

  constructor(initial: readonly TodoState[]) {
    // Nothing here touches the browser yet: this also runs when the server renders the page.
    this.#session = createSessionClient({
      fetch: (...args) => globalThis.fetch(...args),
      navigate: (path) => window.location.assign(path),
      channel: { postMessage: (message: unknown) => this.#channel?.postMessage(message) },
    });
    this.model = new TodoModel({
      api: createTodoApi({ fetch: (...args) => globalThis.fetch(...args), session: this.#session }),
      initial,
      onChange: (items) => (this.items = items),
      onNotice: (text) => (this.notice = { id: ++this.#notices, text }),
      onBusy: (busy) => (this.busy = busy),
    });
    this.items = this.model.items;
  }

  dismissNotice(): void {
    this.notice = null;
  }

  /** Starts the live feed (in the browser); the returned function stops it. */
  connect(): () => void {
    let connection = this.#startLive();
    // A page being left closes its stream, which looks like a refused connection: stop first, so leaving
    // does not renew the session for nothing. A page restored from the back/forward cache starts afresh.
    const onPageHide = () => connection.stop();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) connection = this.#startLive();
    };
    // Signing out in another tab ends this one's session too.
    this.#channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(sessionChannelName) : undefined;
    const onMessage = (event: MessageEvent) => {
      if (event.data === signedOutMessage) window.location.assign('/login');
    };
    this.#channel?.addEventListener('message', onMessage);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    return () => {
      connection.stop();
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      this.#channel?.removeEventListener('message', onMessage);
      this.#channel?.close();
    };
  }

  #startLive(): LiveConnection {
    const connection = new LiveConnection({
      url: '/api/events',
      createSource: (url) => new EventSource(url),
      onChange: (change) => this.model.apply(change),
      onStatus: (status) => (this.live = status),
      onResync: () => void this.model.resync(),
      refreshSession: () => this.#session.refresh(),
      onSignedOut: () => this.#session.signedOut(),
      network: browserNetwork,
    });
    connection.start();
    return connection;
  }
}
