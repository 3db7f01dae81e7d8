import { createEvent } from '@todo-bus/events';
import { describe, expect, it } from 'vitest';
import { readMessage, toHumanLine, toJsonLine } from '../src/events-tail/format.ts';

const userId = '0196f3a2-7c1e-7000-8000-000000000001';
const time = new Date(2026, 4, 1, 10, 42, 7, 118);
const todo = {
  id: '0196f3a2-7c1e-7000-8000-0000000000aa',
  title: 'Buy milk',
  completed: true,
  order: 3,
  createdAt: time.toISOString(),
  updatedAt: time.toISOString(),
};
const subject = `todos.events.${userId}.todo.updated`;
const updated = createEvent({
  type: 'todo.updated',
  source: '/services/todos',
  subject: todo.id,
  userId,
  data: { todo, changed: ['completed'] },
  time,
});

describe('a tailed message', () => {
  it('reads as one JSON object per line, with where it is in the stream', () => {
    const message = readMessage('TODO_EVENTS', 12, subject, JSON.stringify(updated));
    expect(JSON.parse(toJsonLine(message))).toEqual({
      stream: 'TODO_EVENTS',
      seq: 12,
      subject,
      event: updated,
    });
    expect(toJsonLine(message)).not.toContain('\n');
  });

  it('reads on a terminal as time, type, user, what happened and where', () => {
    const message = readMessage('TODO_EVENTS', 12, subject, JSON.stringify(updated));
    expect(toHumanLine(message, time)).toBe(
      `10:42:07.118  todo.updated     user 0196f3a2  "Buy milk" completed=true  TODO_EVENTS#12 ${subject}`,
    );
    expect(toHumanLine(message, new Date(2026, 4, 2))).toMatch(/^2026-05-01 10:42:07\.118 {2}todo\.updated/);
  });

  it('shows what is wrong with a payload that is not an event of the catalog, instead of failing', () => {
    const garbage = readMessage('TODO_EVENTS', 13, subject, 'not json');
    expect(garbage.invalid).toEqual({ reason: 'not JSON', payload: 'not json' });
    expect(toHumanLine(garbage)).toContain('not JSON');
    const wrongData = readMessage('TODO_EVENTS', 14, subject, JSON.stringify({ ...updated, data: {} }));
    expect(wrongData.invalid?.reason).toBe('data does not match todo.updated');
    expect(toHumanLine(wrongData, time)).toContain('todo.updated     user 0196f3a2  (data does not match');
  });
});
