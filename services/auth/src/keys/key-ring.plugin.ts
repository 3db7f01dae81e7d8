import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry'; // brings the readinessChecks decorator's type
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
 * the keys cannot be loaded yet; it is simply not ready until they are.
 */
async function keyRingLifecycle(app: FastifyInstance, { keyRing, refreshEveryMs }: KeyRingPluginOptions) {
  app.decorate('keyRing', keyRing);
  let loaded = false;
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    try {
      await keyRing.refresh();
      loaded = true;
    } catch (error) {
      app.log.error({ err: error }, 'signing key refresh failed');
    }
    timer = setTimeout(() => void refresh(), loaded ? refreshEveryMs : retryEveryMs);
    timer.unref();
  };
  await refresh();
  app.addHook('onClose', async () => clearTimeout(timer));
  app.readinessChecks.set('signing-keys', async () => {
    if (!loaded) throw new Error('signing keys not loaded yet');
  });

  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) =>
    // Short cache: a compromised key leaves this document at once, and verifiers refetch it every few seconds.
    reply.header('cache-control', 'public, max-age=5').send(keyRing.jwks()),
  );
}

export const keyRingPlugin = fp(keyRingLifecycle, { name: 'key-ring', dependencies: ['db', 'health'] });
