import { describe, expect, it } from 'vitest';
import { cloudEventSchema, todoEventSchema, typedEventSchema } from './events.ts';

const todo = {
  id: 'a2a3b074-0210-47cc-8ee3-a432767539d7',
  title: 'milk',
  completed: false,
  order: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const envelope = {
  specversion: '1.0',
  id: '019a5c3e-8a2b-7c3d-9e4f-0a1b2c3d4e5f',
  source: '/services/todos',
  subject: todo.id,
  time: '2026-01-01T00:00:00.000Z',
  datacontenttype: 'application/json',
  userid: 'b7c1e0f2-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
};

describe('todo events', () => {
  it('reads each todo event with its data', () => {
    const updated = { ...envelope, type: 'todo.updated', data: { todo, changed: ['title'] } };
    expect(todoEventSchema.parse(updated)).toEqual(updated);
    expect(
      typedEventSchema('todo.deleted').parse({ ...envelope, type: 'todo.deleted', data: { id: todo.id } }),
    ).toMatchObject({ data: { id: todo.id } });
  });

  it('refuses data that does not fit the type, which the bare envelope accepts', () => {
    const mismatched = { ...envelope, type: 'todo.created', data: { id: todo.id } };
    expect(cloudEventSchema.safeParse(mismatched).success).toBe(true);
    expect(todoEventSchema.safeParse(mismatched).success).toBe(false);
    expect(todoEventSchema.safeParse({ ...envelope, type: 'todo.archived', data: {} }).success).toBe(false);
  });
});
