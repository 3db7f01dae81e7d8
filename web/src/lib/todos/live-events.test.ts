import { exampleEvent, exampleTodoState } from '@todo-bus/contract/testing';
import { describe, expect, it } from 'vitest';
import { parseLiveChange } from './live-events.ts';

const todo = exampleTodoState();

/** The `data:` of an SSE message: a CloudEvent in JSON structured mode, as the todos service publishes it. */
const cloudEvent = (type: string, data: unknown) => JSON.stringify(exampleEvent(type, data));

describe('parseLiveChange', () => {
  it('reads created and updated todos', () => {
    expect(parseLiveChange('todo.created', cloudEvent('todo.created', { todo }))).toEqual({
      type: 'todo.created',
      todo,
    });
    const updated = { ...todo, completed: true, updatedAt: '2026-01-01T00:00:01.000Z' };
    expect(
      parseLiveChange('todo.updated', cloudEvent('todo.updated', { todo: updated, changed: ['completed'] })),
    ).toEqual({ type: 'todo.updated', todo: updated });
  });

  it('keeps only the fields the list uses', () => {
    const change = parseLiveChange(
      'todo.created',
      cloudEvent('todo.created', { todo: { ...todo, extra: 1 } }),
    );
    expect(change).toEqual({ type: 'todo.created', todo });
  });

  it('reads deletions', () => {
    expect(parseLiveChange('todo.deleted', cloudEvent('todo.deleted', { id: todo.id }))).toEqual({
      type: 'todo.deleted',
      id: todo.id,
    });
  });

  it.each([
    ['an unknown type', 'todo.archived', cloudEvent('todo.archived', { id: todo.id })],
    ['broken JSON', 'todo.created', '{"data":'],
    ['no data', 'todo.created', JSON.stringify({ type: 'todo.created' })],
    ['a todo missing a field', 'todo.created', cloudEvent('todo.created', { todo: { ...todo, title: 1 } })],
    ['a deletion without id', 'todo.deleted', cloudEvent('todo.deleted', {})],
    [
      'an event without its envelope',
      'todo.deleted',
      JSON.stringify({ type: 'todo.deleted', data: { id: todo.id } }),
    ],
    ['an event of another type than announced', 'todo.deleted', cloudEvent('todo.created', { todo })],
  ])('ignores %s', (_case, type, data) => {
    expect(parseLiveChange(type, data)).toBeNull();
  });
});
