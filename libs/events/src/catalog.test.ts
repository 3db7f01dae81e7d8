import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { busNames, cloudEventSchema, createEvent, eventCatalog } from './index.ts';
import { sampleTodo } from './testing.ts';

const userId = randomUUID();
const todo = sampleTodo({ title: 'milk', order: 1 });

describe('createEvent', () => {
  it('builds a CloudEvents 1.0 envelope with the userid extension and a versioned dataschema', () => {
    const event = createEvent({
      type: 'todo.created',
      source: '/services/todos',
      subject: todo.id,
      userId,
      data: { todo },
    });
    expect(cloudEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'todo.created',
      source: '/services/todos',
      subject: todo.id,
      userid: userId,
      datacontenttype: 'application/json',
      dataschema: 'https://todo-bus.dev/schemas/events/todo.created/v1',
    });
  });

  it('gives time-ordered ids', () => {
    const ids = Array.from(
      { length: 50 },
      () =>
        createEvent({
          type: 'user.deleted',
          source: '/services/auth',
          subject: userId,
          userId,
          data: { id: userId },
        }).id,
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses data its consumers would reject', () => {
    expect(() =>
      createEvent({
        type: 'todo.updated',
        source: '/services/todos',
        subject: todo.id,
        userId,
        data: { todo, changed: [] },
      }),
    ).toThrow();
  });

  it('covers every event type of the contract', () => {
    expect(Object.keys(eventCatalog).sort()).toEqual([
      'todo.created',
      'todo.deleted',
      'todo.updated',
      'user.deleted',
      'user.registered',
    ]);
  });
});

describe('busNames', () => {
  it('uses the contract names without a namespace', () => {
    const names = busNames();
    expect(names.stream('todos')).toBe('TODO_EVENTS');
    expect(names.stream('auth')).toBe('AUTH_EVENTS');
    expect(names.subject('todos', userId, 'todo.created')).toBe(`todos.events.${userId}.todo.created`);
    expect(names.domainFilter('todos', userId)).toBe(`todos.events.${userId}.>`);
    expect(names.domainFilter('auth')).toBe('auth.events.>');
  });

  it('prefixes streams and subjects with a namespace, and rejects unsafe ones', () => {
    const names = busNames('t42');
    expect(names.stream('todos')).toBe('t42_TODO_EVENTS');
    expect(names.subject('auth', userId, 'user.deleted')).toBe(`t42.auth.events.${userId}.user.deleted`);
    expect(names.deadLetterSubject('todos-user-deleted')).toBe('t42.dlq.todos-user-deleted');
    expect(() => busNames('a.b')).toThrow(/letters and digits/);
  });
});
