import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzedValue, validValue, type JsonSchema } from './schema-arbitrary.ts';

const createTodo: JsonSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 500 },
    order: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
    completed: { type: 'boolean' },
  },
  required: ['title'],
  additionalProperties: false,
};

describe('schema arbitraries', () => {
  it('generates values that satisfy the schema', () => {
    fc.assert(
      fc.property(validValue(createTodo), (value) => {
        const todo = value as { title: string; order?: number; completed?: boolean };
        expect(todo.title.trim().length).toBeGreaterThanOrEqual(1);
        expect([...todo.title].length).toBeLessThanOrEqual(500 * 2);
        if (todo.order !== undefined) expect(Number.isInteger(todo.order)).toBe(true);
        if (todo.completed !== undefined) expect(typeof todo.completed).toBe('boolean');
        expect(Object.keys(todo).every((key) => key in (createTodo.properties ?? {}))).toBe(true);
      }),
    );
  });

  it('covers enums, uuids, arrays and alternatives', () => {
    const [value] = fc.sample(validValue({ type: 'string', enum: ['true', 'false'] }), 1);
    expect(['true', 'false']).toContain(value);
    expect(fc.sample(validValue({ type: 'string', format: 'uuid' }), 1)[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Array.isArray(fc.sample(validValue({ type: 'array', items: { type: 'integer' } }), 1)[0])).toBe(
      true,
    );
    const either = fc.sample(validValue({ anyOf: [{ type: 'boolean' }, { type: 'null' }] }), 50);
    expect(either.every((item) => item === null || typeof item === 'boolean')).toBe(true);
  });

  it('fuzzes every way a body can be wrong, and sometimes leaves it right', () => {
    const samples = fc.sample(fuzzedValue(createTodo), { numRuns: 500, seed: 4 });
    const isObject = (value: unknown): value is Record<string, unknown> =>
      typeof value === 'object' && value !== null && !Array.isArray(value);
    expect(samples.some((value) => isObject(value) && !('title' in value))).toBe(true);
    expect(
      samples.some((value) => isObject(value) && typeof value.title !== 'string' && 'title' in value),
    ).toBe(true);
    expect(
      samples.some(
        (value) =>
          isObject(value) && Object.keys(value).some((key) => !['title', 'order', 'completed'].includes(key)),
      ),
    ).toBe(true);
    expect(samples.some((value) => !isObject(value))).toBe(true);
    expect(
      samples.some(
        (value) => isObject(value) && typeof value.title === 'string' && value.title.trim() !== '',
      ),
    ).toBe(true);
  });
});
