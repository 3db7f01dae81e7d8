import type { FastifyInstance } from 'fastify';

export interface RunOptions {
  host: string;
  port: number;
  /** Where `app.operations` (/metrics, detailed /readyz) listens: an internal port, never the public one. */
  operationsPort: number;
}

/** How long in-flight requests, SSE streams and drains get before the process exits anyway. */
const shutdownGraceMs = 10_000;

/**
 * Listens, then closes the app on SIGTERM/SIGINT: stop accepting, let onClose hooks finish (relay stop,
 * NATS drain, ORM close), exit. A second signal, or the grace period running out, exits at once.
 */
export async function runServer(
  app: FastifyInstance,
  { host, port, operationsPort }: RunOptions,
): Promise<void> {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('shutdown grace period over, exiting');
      process.exit(1);
    }, shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  await app.listen({ host, port });
  await app.operations.listen({ host, port: operationsPort });
}
