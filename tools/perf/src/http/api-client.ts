import { Pool } from 'undici';

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** From dispatch to the last byte of the body, in ms. */
  ms: number;
}

export interface ApiRequest {
  method: string;
  path: string;
  token?: string | undefined;
  /** JSON-encoded unless it is already a string (fuzzing sends malformed JSON on purpose). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Keep-alive HTTP/1.1 to one origin through an undici Pool: the load generator's side of every request. */
export class ApiClient {
  readonly origin: string;
  readonly #pool: Pool;

  /**
   * `localAddress` picks the source address on the loopback network (127.0.0.x): per-IP limits then see a
   * client of its own.
   */
  constructor(
    origin: string,
    { connections = 64, localAddress }: { connections?: number; localAddress?: string } = {},
  ) {
    this.origin = origin;
    this.#pool = new Pool(origin, {
      ...(localAddress ? { localAddress } : {}),
      connections,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  }

  async request({ method, path, token, body, headers = {} }: ApiRequest): Promise<ApiResponse> {
    const allHeaders: Record<string, string> = { ...headers };
    if (token) allHeaders.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      allHeaders['content-type'] ??= 'application/json';
    }
    const started = performance.now();
    const response = await this.#pool.request({
      method,
      path,
      headers: allHeaders,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      headers: response.headers,
      body: text,
      ms: performance.now() - started,
    };
  }

  /** A request that must answer `expected`; returns the parsed JSON body. */
  async expect<T>(expected: number, request: ApiRequest): Promise<T> {
    const response = await this.request(request);
    if (response.status !== expected) {
      throw new Error(
        `${request.method} ${request.path} answered ${response.status}, expected ${expected}: ${response.body.slice(0, 300)}`,
      );
    }
    return (response.body ? JSON.parse(response.body) : undefined) as T;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
