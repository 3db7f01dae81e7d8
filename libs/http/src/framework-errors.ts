// Errors Fastify answers before any hook or the error handler runs: they are problems too.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import { ProblemError } from './problem.ts';

const problemContentType = 'application/problem+json';

const routerDetails: Record<string, [status: number, detail: string]> = {
  FST_ERR_BAD_URL: [400, 'The URL has a malformed percent-encoded part.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'A path segment of the URL is longer than this API accepts.'],
};

/**
 * Fastify's `frameworkErrors`: the router refused the URL (malformed percent-encoding, a path parameter
 * over `maxParamLength`). The detail never echoes the URL, which may be huge.
 */
export function routerErrorAsProblem(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const [status, detail] = routerDetails[error.code] ?? [500, 'The server could not complete the request.'];
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status, code: error.code }, 'request rejected');
  void reply
    .code(status)
    .header('x-request-id', request.id)
    .type(problemContentType)
    .send(new ProblemError(status, detail).toProblem());
}

const clientErrors: Record<string, [status: number, detail: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time.'],
  HPE_HEADER_OVERFLOW: [431, 'The request head (URL and headers) is larger than 16 KB.'],
};

/**
 * Fastify's `clientErrorHandler` (Node's 'clientError' event): the request could not even be parsed, e.g. a
 * head over Node's 16 KB. Answered as Node would, with a problem instead of Fastify's plain JSON.
 */
export function clientErrorAsProblem(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Duplex,
): void {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = clientErrors[error.code ?? ''] ?? [400, 'The request is not valid HTTP.'];
  this.log.debug({ err: error, status }, 'client error');
  if (socket.writable) {
    const problem = new ProblemError(status, detail).toProblem();
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${status} ${problem.title}\r\n` +
        `Content-Type: ${problemContentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
