import type { FastifyInstance } from 'fastify';

/**
 * API clients (the Todo-Backend runner among them) send `Content-Type: application/json` with an empty
 * body on GET and DELETE. Fastify 5 rejects that; we treat it as "no body" and keep Fastify's
 * prototype-poisoning-safe parser for everything else.
 */
export function registerLenientJsonParser(app: FastifyInstance): void {
  const strictParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void strictParser(request, text, done);
  });
}
