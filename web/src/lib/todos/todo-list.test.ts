import { describe, expect, it } from 'vitest';
import type { TodoState } from '@todo-bus/contract';
import { compareTodos, isNewer, nextOrder, toState } from './todo-list.ts';

function todo(id: string, order: number, createdAt = '2026-01-01T00:00:00.000Z'): TodoState {
  return { id, title: id, completed: false, order, createdAt, updatedAt: createdAt };
}

describe('compareTodos', () => {
  it('orders as the server does: order, then creation time, then id', () => {
    const todos = [
      todo('c', 1),
      todo('b', 0, '2026-01-01T00:00:02.000Z'),
      todo('a', 0, '2026-01-01T00:00:01.000Z'),
      todo('e', 2),
      todo('d', 2),
    ];
    expect(todos.sort(compareTodos).map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('nextOrder', () => {
  it('is one after the highest order, or 0 for an empty list', () => {
    expect(nextOrder([])).toBe(0);
    expect(nextOrder([todo('a', 4), todo('b', 1)])).toBe(5);
  });
});

describe('isNewer', () => {
  it('accepts a later or equal update, and anything new', () => {
    const current = { ...todo('a', 0), updatedAt: '2026-01-01T00:00:05.000Z' };
    expect(isNewer({ ...current, updatedAt: '2026-01-01T00:00:06.000Z' }, current)).toBe(true);
    expect(isNewer(current, current)).toBe(true);
    expect(isNewer({ ...current, updatedAt: '2026-01-01T00:00:04.000Z' }, current)).toBe(false);
    expect(isNewer(current, undefined)).toBe(true);
  });
});

describe('toState', () => {
  it('drops what the list does not keep (the url)', () => {
    const state = todo('a', 0);
    expect(toState({ ...state, url: 'http://localhost:8080/api/todos/a' })).toEqual(state);
  });
});
