import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldName, listTodosQuerySchema, problemSchema, todoParamsSchema } from '@todo-bus/contract';
import { createLogger } from '@todo-bus/logger';
import { createServer, type App } from '../src/index.ts';

// The server names fields at fault and the web app maps them back to its inputs, both through
// libs/contract. This checks a real validation answer against that reading, so the two cannot drift
// apart again (the web once stripped `query.` while the server sent `querystring.limit`).
let app: App;

beforeAll(async () => {
  app = createServer({ logger: createLogger({ name: 'test', level: 'silent' }) });
  app.get('/todos', { schema: { querystring: listTodosQuerySchema } }, () => []);
  app.get(
    '/todos/:id',
    { schema: { params: todoParamsSchema.extend({ id: todoParamsSchema.shape.id.min(3) }) } },
    () => ({}),
  );
  await app.ready();
});

afterAll(() => app.close());

async function fieldsOf(url: string) {
  const response = await app.inject({ method: 'GET', url });
  expect(response.statusCode).toBe(400);
  const problem = problemSchema.parse(response.json());
  return (problem.errors ?? []).map(({ field }) => ({ field, name: fieldName(field) }));
}

describe('field paths of validation problems', () => {
  it('names a bad query parameter so the web app finds its input', async () => {
    expect(await fieldsOf('/todos?limit=0')).toEqual([{ field: 'querystring.limit', name: 'limit' }]);
    expect(await fieldsOf('/todos?completed=maybe')).toEqual([
      { field: 'querystring.completed', name: 'completed' },
    ]);
  });

  it('names a bad path parameter the same way', async () => {
    expect(await fieldsOf('/todos/x')).toEqual([{ field: 'params.id', name: 'id' }]);
  });
});
