import { describe, expect, it } from 'vitest';
import { cloudEventSchema, todoEventSchema, typedEventSchema } from './events.ts';
import { exampleEvent, exampleTodoState } from './testing.ts';

const todo = exampleTodoState();

describe('todo events', () => {
  it('reads each todo event with its data', () => {
    const updated = exampleEvent('todo.updated', { todo, changed: ['title'] });
    expect(todoEventSchema.parse(updated)).toEqual(updated);
    expect(
      typedEventSchema('todo.deleted').parse(exampleEvent('todo.deleted', { id: todo.id })),
    ).toMatchObject({
      data: { id: todo.id },
    });
  });

  it('refuses data that does not fit the type, which the bare envelope accepts', () => {
    const mismatched = exampleEvent('todo.created', { id: todo.id });
    expect(cloudEventSchema.safeParse(mismatched).success).toBe(true);
    expect(todoEventSchema.safeParse(mismatched).success).toBe(false);
    expect(todoEventSchema.safeParse(exampleEvent('todo.archived', {})).success).toBe(false);
  });

  it('has examples the contract accepts', () => {
    expect(typedEventSchema('todo.created').parse(exampleEvent('todo.created', { todo }))).toBeTruthy();
  });
});
