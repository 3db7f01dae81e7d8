// What Fastify and Node answer before any hook runs (the router, the HTTP parser) is a problem too.
import { connect } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@todo-bus/logger';
import { createServer, type App } from '../src/index.ts';

let app: App;
let port: number;

beforeAll(async () => {
  app = createServer({ logger: createLogger({ name: 'test', level: 'silent' }) });
  app.get('/things/:id', async (request) => request.params);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => app?.close());

/** One raw HTTP/1.1 exchange, for requests no HTTP client would send. */
async function raw(head: string): Promise<{ status: number; contentType: string; body: string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(head);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await once(socket, 'close');
  const [headPart = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(headPart.split(' ')[1]),
    contentType: /content-type: ([^\r\n]+)/i.exec(headPart)?.[1] ?? '',
    body,
  };
}

describe('errors answered before any hook runs', () => {
  it('answers malformed percent-encoding in a path parameter with a 400 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/things/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('answers a path parameter over the router’s limit with a 414 problem that does not echo it', async () => {
    const response = await app.inject({ method: 'GET', url: `/things/${'x'.repeat(500)}` });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 414, title: 'URI Too Long' });
    expect(response.body).not.toContain('xxxxxxxx');
  });

  it('answers a request head over 16 KB with a 431 problem and closes the connection', async () => {
    const response = await raw(`GET /things/1?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`);
    expect(response.status).toBe(431);
    expect(response.contentType).toBe('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ status: 431 });
  });

  it('answers bytes that are not HTTP with a 400 problem', async () => {
    const response = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(response.status).toBe(400);
    expect(response.contentType).toBe('application/problem+json');
  });
});
