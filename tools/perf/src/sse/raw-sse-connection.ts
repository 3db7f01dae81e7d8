import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { ChunkedDecoder } from './chunked-decoder.ts';
import { SseParser, type SseMessage } from './sse-parser.ts';

export interface SseConnectionOptions {
  host: string;
  port: number;
  path?: string;
  /** Sent as `Authorization: Bearer …`. */
  token: string;
  lastEventId?: string;
  /** Receives each message with the wall-clock time (Date.now()) its last bytes arrived. */
  onMessage?: (message: SseMessage, receivedAt: number) => void;
  /** Idle streams skip parsing: they only hold the connection and read (and drop) heartbeats. */
  parse?: boolean;
  /** Source address on the loopback network (127.0.0.x), so per-IP limits see distinct clients. */
  localAddress?: string;
  connectTimeoutMs?: number;
}

export class SseRefusedError extends Error {
  readonly status: number;
  readonly body: string;

  constructor(status: number, body: string) {
    super(`GET /api/events answered ${status}: ${body.slice(0, 200)}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * One SSE stream over a raw HTTP/1.1 socket: a few hundred bytes of state instead of a fetch/undici stack,
 * so ten thousand of them fit in the load generator. Resolves once the server answered 200.
 */
export class RawSseConnection {
  readonly #socket: Socket;
  #closedReason: string | undefined;
  readonly closed: Promise<string>;
  #markClosed: (reason: string) => void = () => undefined;
  /** Messages seen (parsed streams only). */
  messages = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => (this.#markClosed = resolve));
  }

  static open(options: SseConnectionOptions): Promise<RawSseConnection> {
    const socket = connect({
      host: options.host,
      port: options.port,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    socket.setNoDelay(true);
    const connection = new RawSseConnection(socket);
    return new Promise((resolve, reject) => {
      let head = '';
      let opened = false;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no SSE answer within ${options.connectTimeoutMs ?? 30_000} ms`));
      }, options.connectTimeoutMs ?? 30_000);
      const decoder = new ChunkedDecoder();
      const text = new StringDecoder('utf8');
      const parser = options.parse === false ? undefined : new SseParser();
      const consume = (bytes: string, receivedAt: number) => {
        if (!parser) return;
        for (const message of parser.push(text.write(Buffer.from(decoder.push(bytes), 'latin1')))) {
          connection.messages++;
          options.onMessage?.(message, receivedAt);
        }
      };
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        const receivedAt = Date.now();
        if (opened) return consume(chunk, receivedAt);
        head += chunk;
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = Number(head.slice(9, 12));
        clearTimeout(timer);
        if (status !== 200) {
          socket.destroy();
          reject(new SseRefusedError(status, head.slice(end + 4)));
          return;
        }
        opened = true;
        resolve(connection);
        consume(head.slice(end + 4), receivedAt);
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (!opened) reject(error);
        connection.#finish(`error: ${error.message}`);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (!opened) reject(new Error('connection closed before the SSE answer'));
        connection.#finish('closed by server');
      });
      const headers = [
        `GET ${options.path ?? '/api/events'} HTTP/1.1`,
        `Host: ${options.host}:${options.port}`,
        `Authorization: Bearer ${options.token}`,
        'Accept: text/event-stream',
        ...(options.lastEventId ? [`Last-Event-ID: ${options.lastEventId}`] : []),
      ];
      socket.write(`${headers.join('\r\n')}\r\n\r\n`);
    });
  }

  get isClosed(): boolean {
    return this.#closedReason !== undefined;
  }

  close(): void {
    this.#finish('closed by client');
    this.#socket.destroy();
  }

  #finish(reason: string): void {
    if (this.#closedReason !== undefined) return;
    this.#closedReason = reason;
    this.#markClosed(reason);
  }
}
