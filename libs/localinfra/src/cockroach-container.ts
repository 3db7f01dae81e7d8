import type { FoundDatabaseServer } from './database-server.ts';

// The tag testcontainers-node's own CockroachDB smoke test starts; pinned so runs do not drift between versions.
export const COCKROACH_IMAGE = 'cockroachdb/cockroach:v26.1.1';

/** Starts a single-node insecure CockroachDB with testcontainers; stop() removes the container. */
export async function startCockroachContainer(image = COCKROACH_IMAGE): Promise<FoundDatabaseServer> {
  const { CockroachDbContainer } = await import('@testcontainers/cockroachdb');
  // root: the admin URL must be allowed to create and drop databases.
  const container = await new CockroachDbContainer(image)
    .withDatabase('defaultdb')
    .withUsername('root')
    .start();
  return {
    url: container.getConnectionUri(),
    kind: 'cockroach-container',
    stop: async () => {
      await container.stop();
    },
  };
}
