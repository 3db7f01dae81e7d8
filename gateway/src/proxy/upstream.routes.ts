import proxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import { ProblemError } from '@todo-bus/http';
import { requestTraceHeaders } from '@todo-bus/telemetry';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayConfig } from '../config.ts';
import { withoutIdentityHeaders } from '../edge/identity-headers.ts';
import { boundChunkedBody } from './bounded-chunked-body.ts';

export interface UpstreamRoutesOptions {
  config: GatewayConfig;
}

/** What a service sees: no client identity claims, who asked through which host, and the verified token. */
function forwardedHeaders(
  request: FastifyRequest,
  headers: IncomingHttpHeaders,
  token: string | undefined,
): IncomingHttpHeaders {
  const clean = withoutIdentityHeaders(headers);
  delete clean.cookie;
  return {
    ...clean,
    'x-request-id': request.id,
    'x-forwarded-for': request.ip,
    'x-forwarded-proto': request.protocol,
    'x-forwarded-host': request.host,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...requestTraceHeaders(request),
  };
}

/** The slice of a reply the proxy's error hook gets, whatever the server flavour. */
interface ProxyReply {
  log: FastifyBaseLogger;
  code(status: number): { type(contentType: string): { send(body: unknown): unknown } };
}

function upstreamFailure(reply: ProxyReply, { error }: { error: Error & { statusCode?: number } }) {
  const timedOut = error.statusCode === 504;
  const problem = new ProblemError(
    timedOut ? 504 : 502,
    timedOut ? 'The service did not answer in time.' : 'The service is unavailable.',
  );
  reply.log.warn({ err: error }, 'upstream failed');
  reply.code(problem.status).type('application/problem+json').send(problem.toProblem());
}

/**
 * Services serve their routes under their public prefix (`/api/todos/...`), so the gateway forwards
 * paths unchanged and every OpenAPI path is already the one a client sees. The gateway is ready when
 * every upstream is.
 */
export async function upstreamRoutes(app: FastifyInstance, { config }: UpstreamRoutesOptions) {
  for (const [name, check] of Object.entries(upstreamReadinessChecks(config)))
    app.readinessChecks.set(name, check);
  const undici = {
    connections: config.UPSTREAM_CONNECTIONS,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: config.UPSTREAM_TIMEOUT_MS,
    bodyTimeout: config.UPSTREAM_TIMEOUT_MS,
  };
  const forward = (
    upstream: string,
    prefix: string,
    options: { protected: boolean; keepCookies: boolean; bodyLimit: number },
  ) =>
    // One scope per upstream: each proxy brings its own raw body parsers in place of our JSON one,
    // so bodies pass through untouched.
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      // Bodies with a Content-Length are streamed to the service unread, so the limit is enforced on the
      // declared length; a chunked one is read up to the limit first.
      scope.addHook('onRequest', async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > options.bodyLimit) {
          throw new ProblemError(413, `The request body is larger than ${options.bodyLimit} bytes.`);
        }
      });
      scope.addHook('preParsing', boundChunkedBody(options.bodyLimit));
      // Authenticated upstreams: the same onRequest hook as every authenticated route at the edge.
      if (options.protected) scope.addHook('onRequest', app.protect);
      const proxyOptions: FastifyHttpProxyOptions = {
        upstream,
        prefix,
        rewritePrefix: prefix === '/' ? '' : prefix,
        // CORS preflights (OPTIONS) are answered here at the edge, never by the web app.
        ...(prefix === '/' ? { httpMethods: ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] } : {}),
        undici,
        replyOptions: {
          onError: upstreamFailure,
          rewriteRequestHeaders: (request, headers) => {
            const rewritten = forwardedHeaders(
              request as FastifyRequest,
              headers,
              options.protected ? app.forwardedToken(request as FastifyRequest) : undefined,
            );
            // The web app reads its own session cookies; API services never need them.
            return options.keepCookies && headers.cookie
              ? { ...rewritten, cookie: headers.cookie }
              : rewritten;
          },
        },
      };
      await scope.register(proxy, proxyOptions);
    });
  const apiBodyLimit = Math.min(config.API_BODY_LIMIT_BYTES, config.BODY_LIMIT_BYTES);
  await forward(config.AUTH_URL, '/api/auth', {
    protected: false,
    keepCookies: false,
    bodyLimit: apiBodyLimit,
  });
  await forward(config.TODOS_URL, '/api/todos', {
    protected: true,
    keepCookies: false,
    bodyLimit: apiBodyLimit,
  });
  // /api belongs to the API: a path no service owns is a 404 problem, not the web app's HTML page.
  // (OPTIONS stays with the CORS preflight handler.)
  for (const url of ['/api', '/api/*']) {
    app.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url,
      schema: { hide: true },
      handler: async (request) => {
        throw new ProblemError(404, `No API route for ${request.method} ${request.url.split('?')[0]}.`);
      },
    });
  }
  // Metrics live on the operations port only; here the path is nobody's (not even the web app's).
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/metrics',
    schema: { hide: true },
    handler: async () => {
      throw new ProblemError(404, 'Not found.');
    },
  });
  // Everything else is the web app: pages, assets, form posts.
  await forward(config.WEB_URL, '/', {
    protected: false,
    keepCookies: true,
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
}

function upstreamReadinessChecks(config: GatewayConfig): Record<string, () => Promise<void>> {
  const probe = (url: string) => async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_500) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  };
  return {
    auth: probe(new URL('/readyz', config.AUTH_URL).href),
    todos: probe(new URL('/readyz', config.TODOS_URL).href),
    web: probe(new URL('/healthz', config.WEB_URL).href),
  };
}
