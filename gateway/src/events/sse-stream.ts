import type { FastifyReply } from 'fastify';
import { formatSse, type SseEvent } from './sse-event.ts';
import type { SseMetrics } from './sse-metrics.ts';

/** Reconnection delay the browser should use, in ms. */
const retryMs = 2_000;

export interface SseStreamOptions {
  heartbeatMs: number;
  /** Unread bytes a client may leave in its socket buffer before it is cut off. */
  maxBufferedBytes: number;
  /** The stream ends when the access token does; the client reconnects with a fresh one. */
  endsAt: Date;
  metrics?: SseMetrics;
}

/**
 * One browser's event stream. Events go straight to the socket; if the client stops reading and its
 * buffer passes the cap, the stream is closed rather than buffered without bound. It resumes later with
 * Last-Event-ID and loses nothing.
 */
export class SseStream {
  readonly #reply: FastifyReply;
  readonly #options: SseStreamOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  #closed = false;
  #onClose: (() => void)[] = [];
  lastSentSeq = 0;

  constructor(reply: FastifyReply, options: SseStreamOptions) {
    this.#reply = reply;
    this.#options = options;
  }

  open(): void {
    const raw = this.#reply.raw;
    this.#reply.hijack();
    raw.writeHead(200, {
      ...(this.#reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: ${retryMs}\n: connected\n\n`);
    raw.on('close', () => this.close());
    this.#timers.push(setInterval(() => this.#write(': heartbeat\n\n'), this.#options.heartbeatMs));
    const untilExpiry = Math.max(0, this.#options.endsAt.getTime() - Date.now());
    this.#timers.push(setTimeout(() => this.end('token-expired'), Math.min(untilExpiry, 2 ** 31 - 1)));
  }

  /** Sends an event unless it was already sent (replay and live delivery overlap by design). */
  send(event: SseEvent): void {
    if (event.seq <= this.lastSentSeq) return;
    this.lastSentSeq = event.seq;
    this.#write(formatSse(event));
    this.#options.metrics?.sent();
  }

  /** A control message (no id, so it never moves the client's Last-Event-ID). */
  notify(type: string, data: object): void {
    this.#write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Ends politely: a final named event says why, then the connection closes. */
  end(reason: string): void {
    if (this.#closed) return;
    this.#write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    this.#reply.raw.end();
    this.close();
  }

  onClose(listener: () => void): void {
    this.#onClose.push(listener);
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const listener of this.#onClose) listener();
    if (!this.#reply.raw.writableEnded) this.#reply.raw.destroy();
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    const raw = this.#reply.raw;
    raw.write(chunk);
    if (raw.writableLength > this.#options.maxBufferedBytes) {
      this.#reply.log.info({ buffered: raw.writableLength }, 'SSE client too slow, disconnecting');
      this.#options.metrics?.slowClientDisconnected();
      this.close();
    }
  }
}
