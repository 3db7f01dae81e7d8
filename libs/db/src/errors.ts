/**
 * A transaction still lost serialization conflicts after every retry (heavy contention on the same rows), or
 * its outcome is unknown because the connection or the node went away (40003, a draining node, a dropped
 * socket). Worth a retry by the client a moment later, not a 500. (libs/http answers it 503 with Retry-After.)
 */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
  readonly retryAfterSeconds: number;

  constructor(options: { retryAfterSeconds: number; cause: unknown }) {
    super('The database is busy or briefly unavailable; please retry.', { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
