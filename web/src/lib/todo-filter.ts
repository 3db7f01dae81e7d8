// TodoMVC's filters (`#/`, `#/active`, `#/completed`) and the counter text.
export type TodoFilter = 'all' | 'active' | 'completed';

/** `fragment` is the link's hash without its `#` (links are `#{fragment}`: same page, no navigation). */
export const filters: ReadonlyArray<{ filter: TodoFilter; fragment: string; label: string }> = [
  { filter: 'all', fragment: '/', label: 'All' },
  { filter: 'active', fragment: '/active', label: 'Active' },
  { filter: 'completed', fragment: '/completed', label: 'Completed' },
];

/** The filter a location hash selects; anything unknown shows all todos. */
export function filterFromHash(hash: string): TodoFilter {
  switch (hash) {
    case '#/active':
      return 'active';
    case '#/completed':
      return 'completed';
    default:
      return 'all';
  }
}

export function visibleTodos<T extends { completed: boolean }>(todos: readonly T[], filter: TodoFilter): T[] {
  switch (filter) {
    case 'all':
      return [...todos];
    case 'active':
      return todos.filter((todo) => !todo.completed);
    case 'completed':
      return todos.filter((todo) => todo.completed);
  }
}

/** "item" or "items", as in `<strong>N</strong> item(s) left`. */
export function itemsWord(count: number): 'item' | 'items' {
  return count === 1 ? 'item' : 'items';
}
