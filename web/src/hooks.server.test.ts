import { describe, expect, it } from 'vitest';
import { handle } from './hooks.server.ts';

type HandleInput = Parameters<typeof handle>[0];

/** Runs the hook for a request, the route answering `answer`; returns the response and the locals. */
async function run(headers: Record<string, string>, answer = () => new Response('page')) {
  const locals = {} as App.Locals;
  const event = { request: new Request('http://localhost/', { headers }), locals };
  const response = await handle({
    event: event as unknown as HandleInput['event'],
    resolve: () => Promise.resolve(answer()),
  });
  return { response, locals };
}

describe('handle', () => {
  it('has no user until the auth issue adds the session', async () => {
    const { locals } = await run({});
    expect(locals.user).toBeNull();
  });

  it('passes the request id through to locals and the response', async () => {
    const { response, locals } = await run({ 'x-request-id': 'req-42' });
    expect(locals.requestId).toBe('req-42');
    expect(response.headers.get('x-request-id')).toBe('req-42');
  });

  it('adds no request id when none (or an unsafe one) came in', async () => {
    const cases: Array<Record<string, string>> = [{}, { 'x-request-id': 'bad id' }];
    for (const headers of cases) {
      const { response, locals } = await run(headers);
      expect(locals.requestId).toBeNull();
      expect(response.headers.has('x-request-id')).toBe(false);
    }
  });
});
