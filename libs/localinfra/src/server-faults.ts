/**
 * What a fault test may do to a server this process started (never to one it merely found): crash it the
 * hard way and start it again on the same port with the same data.
 */
export interface ServerFaults {
  /** The server's main process, while it runs. */
  readonly pid: number | undefined;
  /** nats-server: SIGKILL. PostgreSQL: `pg_ctl stop -m immediate` (no checkpoint, crash recovery on start). */
  crash(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it answers. */
  restart(): Promise<void>;
}
