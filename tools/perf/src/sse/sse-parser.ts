/** One Server-Sent Events message: `id:`, `event:` (default "message") and the joined `data:` lines. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser (the WHATWG algorithm, minus `retry:` handling): text in, complete
 * messages out. Comments (heartbeats) and messages without data produce nothing.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #id: string | undefined;

  push(text: string): SseMessage[] {
    this.#buffer += text;
    const messages: SseMessage[] = [];
    let lineEnd: number;
    while ((lineEnd = this.#nextLineEnd()) >= 0) {
      const line = this.#buffer.slice(0, lineEnd);
      const skip = this.#buffer[lineEnd] === '\r' && this.#buffer[lineEnd + 1] === '\n' ? 2 : 1;
      this.#buffer = this.#buffer.slice(lineEnd + skip);
      if (line === '') {
        if (this.#data.length > 0) {
          messages.push({
            ...(this.#id === undefined ? {} : { id: this.#id }),
            event: this.#event || 'message',
            data: this.#data.join('\n'),
          });
        }
        this.#event = '';
        this.#data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.#data.push(value);
      else if (field === 'event') this.#event = value;
      else if (field === 'id' && !value.includes('\0')) this.#id = value;
    }
    return messages;
  }

  #nextLineEnd(): number {
    const lf = this.#buffer.indexOf('\n');
    const cr = this.#buffer.indexOf('\r');
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      // A lone CR at the very end might be the first half of CRLF: wait for the next byte.
      return cr === this.#buffer.length - 1 ? -1 : cr;
    }
    return lf;
  }
}
