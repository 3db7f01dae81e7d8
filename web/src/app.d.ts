import type { User } from '@todo-bus/contract';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** The signed-in user (hooks.server.ts), or null. */
      user: User | null;
      /** Their access token, for the server's own API calls. Never sent to the page. */
      accessToken: string | null;
      /** True when the auth API could not be asked who this is (it was unavailable). */
      sessionUnavailable: boolean;
      /** The gateway's x-request-id for this request, forwarded on API calls; null when absent or malformed. */
      requestId: string | null;
      /** The browser's address (from the gateway's X-Forwarded-For), forwarded on API calls. */
      clientAddress: string | null;
    }
  }
}

export {};
