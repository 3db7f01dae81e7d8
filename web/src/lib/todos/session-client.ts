// The page's side of the session: it cannot read its tokens (HttpOnly), so when the gateway refuses the
// access cookie it asks the web server to renew it (POST /session/refresh), and when the session is over it
// goes to /login, telling the other tabs to do the same.

export type RefreshOutcome = 'refreshed' | 'signed-out' | 'unavailable';

export interface SessionClient {
  /** Renews the access cookie; concurrent callers share one request. */
  refresh(): Promise<RefreshOutcome>;
  /** The session is over: tell the other tabs, and go to the login page. */
  signedOut(): void;
}

/** The BroadcastChannel the tabs of one browser share about the session. */
export const sessionChannelName = 'todo-bus-session';
export const signedOutMessage = 'signed-out';

export interface SessionClientOptions {
  fetch: typeof globalThis.fetch;
  /** Leaves the page (a full navigation, so nothing of the old session stays in memory). */
  navigate: (path: string) => void;
  /** Where other tabs hear about it; absent where BroadcastChannel is not available. */
  channel?: Pick<BroadcastChannel, 'postMessage'> | undefined;
}

export function createSessionClient({ fetch, navigate, channel }: SessionClientOptions): SessionClient {
  let pending: Promise<RefreshOutcome> | null = null;
  let left = false;

  async function ask(): Promise<RefreshOutcome> {
    try {
      const response = await fetch('/session/refresh', { method: 'POST' });
      if (response.ok) return 'refreshed';
      return response.status === 401 ? 'signed-out' : 'unavailable';
    } catch {
      return 'unavailable';
    }
  }

  return {
    refresh() {
      pending ??= ask().finally(() => (pending = null));
      return pending;
    },
    signedOut() {
      if (left) return;
      left = true;
      channel?.postMessage(signedOutMessage);
      navigate('/login');
    },
  };
}

/** Tells the other tabs of this browser that the session is over (after the logout form's answer). */
export function announceSignedOut(): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(sessionChannelName);
  channel.postMessage(signedOutMessage);
  channel.close();
}
