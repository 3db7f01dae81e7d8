/**
 * A transaction still lost serialization conflicts after every retry: heavy contention on the same rows.
 * Worth a retry by the client a moment later, not a 500. (libs/http answers it 503 with Retry-After.)
 */
export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
  readonly retryAfterSeconds: number;

  constructor(options: { retryAfterSeconds: number; cause: unknown }) {
    super('The data is busy with concurrent changes; please retry.', { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
