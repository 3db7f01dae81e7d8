import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
beforeAll(async () => {
  todos = await startTodos();
});
afterAll(() => todos?.close());

interface Operation {
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

describe('OpenAPI document', () => {
  it('describes every todos route with its request and response schemas, behind bearer auth', async () => {
    const document = (await todos.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const collection = document.paths['/api/todos'] ?? {};
    const item = document.paths['/api/todos/{id}'] ?? {};
    expect(Object.keys(collection).sort()).toEqual(['delete', 'get', 'patch', 'post']);
    expect(Object.keys(item).sort()).toEqual(['delete', 'get', 'patch']);

    for (const operation of [...Object.values(collection), ...Object.values(item)]) {
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(operation.responses['401']?.content?.['application/json']?.schema).toBeDefined();
      const success = operation.responses['200'] ?? operation.responses['201'] ?? operation.responses['204'];
      expect(success).toBeDefined();
    }
    for (const operation of [collection.post, collection.patch, item.patch]) {
      expect(operation?.requestBody?.content['application/json']?.schema).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
    }
    expect(collection.get?.parameters?.map((parameter) => parameter.name).sort()).toEqual([
      'completed',
      'cursor',
      'limit',
    ]);
    expect(item.get?.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'id' })]);
    const listSchema = collection.get?.responses['200']?.content?.['application/json']?.schema as {
      type: string;
      items: { required: string[] };
    };
    expect(listSchema.type).toBe('array');
    expect(listSchema.items.required).toEqual(expect.arrayContaining(['id', 'title', 'url']));
  });
});
