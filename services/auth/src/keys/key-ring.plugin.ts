import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry'; // brings the readinessChecks decorator's type
import { SigningKeysUnreadableError } from './key-encryption.ts';
import type { KeyRing } from './key-ring.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Exposed for operations (emergency rotation) and tests. */
    keyRing: KeyRing;
  }
}

export interface KeyRingPluginOptions {
  keyRing: KeyRing;
  /** How soon a rotation made elsewhere (`rotate-keys`, another replica) reaches this replica's signing and JWKS. */
  refreshEveryMs: number;
}

/** Until the first refresh succeeds (e.g. migrations still running), retry this often. */
const retryEveryMs = 2_000;

/**
 * Keeps the key ring current (rotation needs no restart) and serves the JWKS. The service boots even when
 * the keys cannot be loaded yet (e.g. migrations still running); it is simply not ready until they are.
 * Keys it cannot decrypt are another matter: the first refresh throws SigningKeysUnreadableError, so the
 * service does not start; found later, they keep it not ready with the same one-line message.
 */
async function keyRingLifecycle(app: FastifyInstance, { keyRing, refreshEveryMs }: KeyRingPluginOptions) {
  app.decorate('keyRing', keyRing);
  let loaded = false;
  let unreadable: SigningKeysUnreadableError | undefined;
  let timer: NodeJS.Timeout | undefined;
  const refresh = async (atBoot = false) => {
    try {
      await keyRing.refresh();
      loaded = true;
      unreadable = undefined;
    } catch (error) {
      if (atBoot && error instanceof SigningKeysUnreadableError) throw error;
      if (error instanceof SigningKeysUnreadableError) {
        if (!unreadable) app.log.error(error.message);
        unreadable = error;
      } else {
        app.log.error({ err: error }, 'signing key refresh failed');
      }
    }
    timer = setTimeout(() => void refresh(), loaded ? refreshEveryMs : retryEveryMs);
    timer.unref();
  };
  await refresh(true);
  app.addHook('onClose', async () => clearTimeout(timer));
  app.readinessChecks.set('signing-keys', async () => {
    if (unreadable) throw unreadable;
    if (!loaded) throw new Error('signing keys not loaded yet');
  });

  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) =>
    // Short cache: a compromised key leaves this document at once, and verifiers refetch it every few seconds.
    reply.header('cache-control', 'public, max-age=5').send(keyRing.jwks()),
  );
}

export const keyRingPlugin = fp(keyRingLifecycle, { name: 'key-ring', dependencies: ['db', 'health'] });
