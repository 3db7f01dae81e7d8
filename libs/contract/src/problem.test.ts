import { describe, expect, it } from 'vitest';
import { fieldLocations, fieldName, fieldPath, problemSchema } from './problem.ts';

describe('field paths', () => {
  it.each(fieldLocations)('names a field in the %s and reads its name back', (location) => {
    const field = fieldPath(location, 'limit');
    expect(field).toBe(`${location}.limit`);
    expect(fieldName(field)).toBe('limit');
  });

  it('keeps nested paths, and names the location itself when the path is empty', () => {
    expect(fieldPath('body', 'todo', 'title')).toBe('body.todo.title');
    expect(fieldName('body.todo.title')).toBe('todo.title');
    expect(fieldPath('body', '')).toBe('body');
  });

  it('leaves a field without a known location as it is', () => {
    expect(fieldName('email')).toBe('email');
    expect(fieldName('query.limit')).toBe('query.limit');
  });
});

describe('problemSchema', () => {
  it('reads a validation problem and refuses what is not one', () => {
    const problem = {
      type: 'https://todo-bus.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is invalid.',
      errors: [{ field: 'querystring.limit', message: 'Too small: expected number to be >=1' }],
    };
    expect(problemSchema.parse(problem)).toEqual(problem);
    expect(problemSchema.safeParse({ title: 'Bad Request', status: '400' }).success).toBe(false);
  });
});
