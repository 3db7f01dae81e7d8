import { describe, expect, it } from 'vitest';
import { filterFromHash, itemsWord, visibleTodos } from './todo-filter.ts';
import type { Todo } from '@todo-bus/contract';

function todo(id: string, completed: boolean): Todo {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    title: id,
    completed,
    order: 0,
    url: `http://localhost:8080/api/todos/${id}`,
    createdAt: at,
    updatedAt: at,
  };
}

describe('filterFromHash', () => {
  it.each([
    ['#/active', 'active'],
    ['#/completed', 'completed'],
    ['#/', 'all'],
    ['', 'all'],
    ['#/nonsense', 'all'],
  ] as const)('%s selects %s', (hash, filter) => {
    expect(filterFromHash(hash)).toBe(filter);
  });
});

describe('visibleTodos', () => {
  const todos = [todo('a', false), todo('b', true), todo('c', false)];

  it('shows each filter its todos, in order', () => {
    expect(visibleTodos(todos, 'all').map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(visibleTodos(todos, 'active').map((t) => t.id)).toEqual(['a', 'c']);
    expect(visibleTodos(todos, 'completed').map((t) => t.id)).toEqual(['b']);
  });
});

describe('itemsWord', () => {
  it('is singular for one item only', () => {
    expect([0, 1, 2].map(itemsWord)).toEqual(['items', 'item', 'items']);
  });
});
