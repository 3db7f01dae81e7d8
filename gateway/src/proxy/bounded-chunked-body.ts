import { ProblemError } from '@todo-bus/http';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

/**
 * A body sent without Content-Length (chunked) is read here, up to the gateway's limit, instead of being
 * streamed to the service unread: one over the limit gets the gateway's 413 problem (the service would cut
 * the upload and the proxy could only answer 502), and one under it goes on with its Content-Length, so the
 * service judges it as it judges any other body. Bounded: at most `limit` bytes per request in memory.
 */
export function boundChunkedBody(limit: number) {
  return async (request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream) => {
    const headers = request.raw.headers;
    if (headers['transfer-encoding'] === undefined || headers['content-length'] !== undefined) return payload;
    const body = await readAtMost(payload, limit);
    delete headers['transfer-encoding'];
    headers['content-length'] = String(body.length);
    return Readable.from([body]);
  };
}

function readAtMost(payload: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    // Left unread, not destroyed, past the limit (as Fastify does for its own limit): the 413 still goes out.
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      payload.pause();
      reject(new ProblemError(413, `The request body is larger than ${limit} bytes.`));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
  });
}
