import type { User } from '#lib/types.ts';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** The signed-in user; always null until the auth issue adds the session (hooks.server.ts). */
      user: User | null;
      /** The gateway's x-request-id for this request, forwarded on API calls; null when absent or malformed. */
      requestId: string | null;
    }
  }
}

export {};
