/**
 * A minimal HTTP/1.1 `Transfer-Encoding: chunked` decoder: bytes in, body text out, whatever way TCP splits
 * them. Enough for one long-lived SSE response; trailers are ignored.
 */
export class ChunkedDecoder {
  #pending = '';
  /** Bytes still to read in the current chunk; -1 while a size line is expected. */
  #remaining = -1;
  #ended = false;

  get ended(): boolean {
    return this.#ended;
  }

  /** Decodes `input` (latin1 keeps byte offsets exact); returns the body bytes it completed, as latin1. */
  push(input: string): string {
    this.#pending += input;
    let body = '';
    for (;;) {
      if (this.#ended) return body;
      if (this.#remaining < 0) {
        const lineEnd = this.#pending.indexOf('\r\n');
        if (lineEnd < 0) return body;
        const size = Number.parseInt(this.#pending.slice(0, lineEnd).split(';')[0] ?? '', 16);
        if (!Number.isFinite(size))
          throw new Error(`bad chunk size line "${this.#pending.slice(0, lineEnd)}"`);
        this.#pending = this.#pending.slice(lineEnd + 2);
        if (size === 0) {
          this.#ended = true;
          return body;
        }
        this.#remaining = size;
      }
      // The chunk's data, then its CRLF.
      if (this.#pending.length < this.#remaining + 2) {
        if (this.#pending.length > this.#remaining) return body; // only the CRLF is missing
        body += this.#pending;
        this.#remaining -= this.#pending.length;
        this.#pending = '';
        return body;
      }
      body += this.#pending.slice(0, this.#remaining);
      this.#pending = this.#pending.slice(this.#remaining + 2);
      this.#remaining = -1;
    }
  }
}
