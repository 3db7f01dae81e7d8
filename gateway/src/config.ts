import { commaList, natsEnv, serverEnv, tokenVerificationEnv, urlString } from '@todo-bus/config';
import { accessTokenCookie } from '@todo-bus/contract';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = z.object({
  ...serverEnv(8080),
  ...natsEnv(),
  ...tokenVerificationEnv(),
  AUTH_URL: urlString('http://127.0.0.1:8081'),
  TODOS_URL: urlString('http://127.0.0.1:8082'),
  WEB_URL: urlString('http://127.0.0.1:3000'),
  /** Upstream answer deadline: a slower upstream gets a 504 problem. */
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
  /** Keep-alive connections per upstream: a proxied hop reuses one instead of paying for a handshake. */
  UPSTREAM_CONNECTIONS: positiveInt(128),
  BODY_LIMIT_BYTES: positiveInt(256 * 1024),
  /**
   * Largest body forwarded to auth and todos: what they accept (their default limit). A body past it gets
   * the gateway's 413; forwarded, the service would answer 413 and cut the upload, and the proxy a 502.
   */
  API_BODY_LIMIT_BYTES: positiveInt(64 * 1024),
  /** Other origins allowed to call the API with credentials (the web app is same-origin and needs none). */
  CORS_ORIGINS: commaList(),
  /** The web app's HttpOnly cookie holding the access token (the name the web app sets, from the contract). */
  ACCESS_TOKEN_COOKIE: z.string().min(1).default(accessTokenCookie),
  RATE_LIMIT_PER_IP: positiveInt(1200),
  RATE_LIMIT_PER_USER: positiveInt(1200),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
  SSE_HEARTBEAT_SECONDS: positiveInt(15),
  /** Bytes a slow SSE client may leave unread before it is cut off (it resumes with Last-Event-ID). */
  SSE_MAX_BUFFERED_BYTES: positiveInt(256 * 1024),
  /** Live streams one user may hold open at once (tabs, devices); the next one gets 429. */
  SSE_MAX_STREAMS_PER_USER: positiveInt(10),
  /** Live streams one client address may hold open at once (many users can share one NAT). */
  SSE_MAX_STREAMS_PER_IP: positiveInt(200),
});

export type GatewayConfig = z.output<typeof configSchema>;
