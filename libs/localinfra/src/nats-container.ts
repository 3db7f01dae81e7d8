import type { FoundNatsServer } from './nats-server.ts';

// 2.10 rather than this machine's 2.9: multi-filter consumers and per-message TTL exist there.
export const NATS_IMAGE = 'nats:2.10';
const CLIENT_PORT = 4222;

/** Starts NATS with JetStream in a container; stop() removes it. */
export async function startNatsContainer(image = NATS_IMAGE): Promise<FoundNatsServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(image)
    .withCommand(['-js'])
    .withExposedPorts(CLIENT_PORT)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    url: `nats://${container.getHost()}:${container.getMappedPort(CLIENT_PORT)}`,
    kind: 'nats-container',
    stop: async () => {
      await container.stop();
    },
  };
}
